using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> call)
    {
        call.Property(c => c.VendorCallId).HasMaxLength(200);
        call.Property(c => c.VendorStatus).HasMaxLength(100);
        call.Property(c => c.Extension).HasMaxLength(50);
        call.Property(c => c.ExtensionName).HasMaxLength(200);
        call.Property(c => c.ExternalNumber).HasMaxLength(50);
        call.Property(c => c.ExternalNumberOriginal).HasMaxLength(100);
        call.Property(c => c.ExternalName).HasMaxLength(200);
        call.Property(c => c.EndReason).HasMaxLength(100);

        call.HasOne(c => c.Connection).WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        call.HasOne(c => c.Transcript).WithOne(t => t.Call).HasForeignKey<Transcript>(t => t.CallId).OnDelete(DeleteBehavior.Cascade);
        call.HasMany(c => c.Recordings).WithOne().HasForeignKey(r => r.CallId).OnDelete(DeleteBehavior.Cascade);

        // Upsert key of the sync engine.
        call.HasIndex(c => new { c.ConnectionId, c.VendorCallId }).IsUnique();
        // Record browser and dashboards: time ranges, per connection, per extension, per number,
        // and "missed inbound calls" (unreturned missed calls).
        call.HasIndex(c => c.StartedAtUtc);
        call.HasIndex(c => new { c.ConnectionId, c.StartedAtUtc });
        call.HasIndex(c => new { c.Extension, c.StartedAtUtc });
        call.HasIndex(c => new { c.ExternalNumber, c.StartedAtUtc });
        call.HasIndex(c => new { c.Direction, c.Outcome, c.StartedAtUtc });
    }
}

internal sealed class TranscriptConfiguration : IEntityTypeConfiguration<Transcript>
{
    public void Configure(EntityTypeBuilder<Transcript> transcript)
    {
        transcript.HasKey(t => t.CallId);
        transcript.Property(t => t.Language).HasMaxLength(20);
        transcript.HasMany(t => t.Segments).WithOne().HasForeignKey(s => s.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TranscriptSegmentConfiguration : IEntityTypeConfiguration<TranscriptSegment>
{
    public void Configure(EntityTypeBuilder<TranscriptSegment> segment)
    {
        segment.Property(s => s.Speaker).HasMaxLength(200);
        segment.HasIndex(s => new { s.CallId, s.Sequence }).IsUnique();
    }
}

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> recording)
    {
        recording.Property(r => r.VendorRecordingId).HasMaxLength(200);
        recording.Property(r => r.ContentType).HasMaxLength(100);
        recording.Property(r => r.DownloadUrl).HasMaxLength(2000);
        recording.HasIndex(r => new { r.CallId, r.VendorRecordingId }).IsUnique();
    }
}

internal sealed class CallTombstoneConfiguration : IEntityTypeConfiguration<CallTombstone>
{
    public void Configure(EntityTypeBuilder<CallTombstone> tombstone)
    {
        tombstone.HasKey(t => new { t.ConnectionId, t.VendorCallId });
        tombstone.Property(t => t.VendorCallId).HasMaxLength(200);
    }
}

internal sealed class CallRollupConfiguration : IEntityTypeConfiguration<CallRollup>
{
    public void Configure(EntityTypeBuilder<CallRollup> rollup)
    {
        rollup.HasKey(r => new { r.Grain, r.PeriodUtc, r.ConnectionId, r.Extension, r.Direction, r.Outcome });
        rollup.Property(r => r.Extension).HasMaxLength(50);
        rollup.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        rollup.HasIndex(r => new { r.ConnectionId, r.Grain, r.PeriodUtc });
        // Dashboards filtered by extension or team.
        rollup.HasIndex(r => new { r.Grain, r.Extension, r.PeriodUtc });
    }
}

internal sealed class SkippedVendorRecordConfiguration : IEntityTypeConfiguration<SkippedVendorRecord>
{
    public void Configure(EntityTypeBuilder<SkippedVendorRecord> skipped)
    {
        skipped.Property(s => s.VendorKey).HasMaxLength(200);
        skipped.Property(s => s.Reason).HasMaxLength(1000);
        skipped.HasOne<Connection>().WithMany().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        skipped.HasIndex(s => new { s.ConnectionId, s.VendorKey }).IsUnique();
    }
}
