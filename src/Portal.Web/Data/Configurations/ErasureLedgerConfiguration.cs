using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class ErasureLedgerConfiguration : IEntityTypeConfiguration<ErasureLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ErasureLedgerEntry> entry)
    {
        entry.ToTable("ErasureLedger");
        entry.Property(e => e.NumberHash).HasMaxLength(64);
        // The ingest looks a page's hashed numbers up in one IN list.
        entry.HasIndex(e => e.NumberHash);
    }
}

internal sealed class PortalSecretConfiguration : IEntityTypeConfiguration<PortalSecret>
{
    public void Configure(EntityTypeBuilder<PortalSecret> secret)
    {
        secret.ToTable("PortalSecrets");
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(100);
        secret.Property(s => s.ProtectedValue).HasMaxLength(2000);
    }
}
