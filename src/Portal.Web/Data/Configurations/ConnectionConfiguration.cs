using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> connection)
    {
        connection.Property(c => c.Name).HasMaxLength(200);
        connection.Property(c => c.BaseUrl).HasMaxLength(500);
        connection.Property(c => c.PhoneRegion).HasMaxLength(2);
        connection.Property(c => c.TimeZone).HasMaxLength(100);
        connection.Property(c => c.LastError).HasMaxLength(2000);
        connection.Property(c => c.LeaseOwner).HasMaxLength(200);
        connection.HasIndex(c => c.Name).IsUnique();
        connection.HasMany(c => c.Cursors).WithOne().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncCursorConfiguration : IEntityTypeConfiguration<SyncCursor>
{
    public void Configure(EntityTypeBuilder<SyncCursor> cursor)
    {
        cursor.HasKey(c => new { c.ConnectionId, c.Stream });
        cursor.Property(c => c.Stream).HasMaxLength(50);
        cursor.Property(c => c.Position).HasMaxLength(500);
        cursor.Property(c => c.LastEventId).HasMaxLength(200);
    }
}
