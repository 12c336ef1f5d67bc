using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class ExtensionConfiguration : IEntityTypeConfiguration<Extension>
{
    public void Configure(EntityTypeBuilder<Extension> extension)
    {
        extension.Property(e => e.Number).HasMaxLength(50);
        extension.Property(e => e.Name).HasMaxLength(200);
        extension.Property(e => e.Email).HasMaxLength(200);
        extension.HasIndex(e => e.Number).IsUnique();
        extension.HasMany(e => e.Teams).WithMany(t => t.Extensions).UsingEntity("TeamMembers");
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Key).HasMaxLength(100);
        team.Property(t => t.Name).HasMaxLength(200);
        team.HasIndex(t => t.Key).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserId).HasMaxLength(200);
        entry.Property(e => e.UserName).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(100);
        entry.Property(e => e.Target).HasMaxLength(500);
        entry.HasIndex(e => e.AtUtc);
    }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> preference)
    {
        preference.HasKey(p => p.UserId);
        preference.Property(p => p.UserId).HasMaxLength(200);
    }
}
