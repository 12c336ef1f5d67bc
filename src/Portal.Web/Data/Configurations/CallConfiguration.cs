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
