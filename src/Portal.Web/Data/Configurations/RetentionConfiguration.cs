using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> hold)
    {
        hold.ToTable("LegalHolds");
        // No foreign keys: a hold is a record that outlives a removed connection or team.
        hold.Property(h => h.Number).HasMaxLength(32);
        hold.Property(h => h.TargetName).HasMaxLength(200);
        hold.Property(h => h.Reason).HasMaxLength(500);
        hold.Property(h => h.PlacedByUserId).HasMaxLength(200);
        hold.Property(h => h.PlacedByName).HasMaxLength(200);
        hold.Property(h => h.ReleasedByUserId).HasMaxLength(200);
        hold.Property(h => h.ReleasedByName).HasMaxLength(200);
        hold.HasIndex(h => h.ReleasedAtUtc);
    }
}

internal sealed class RetentionPolicyConfiguration : IEntityTypeConfiguration<RetentionPolicy>
{
    public void Configure(EntityTypeBuilder<RetentionPolicy> policy)
    {
        policy.ToTable("RetentionPolicies");
        policy.Property(p => p.UpdatedByName).HasMaxLength(200);
        // One policy per connection (the all-connections one, with no connection, is kept single by the service).
        policy.HasIndex(p => p.ConnectionId).IsUnique();
    }
}
