using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data.Entities;

namespace Portal.Web.Data.Configurations;

internal sealed class DeletionJobConfiguration : IEntityTypeConfiguration<DeletionJob>
{
    public void Configure(EntityTypeBuilder<DeletionJob> job)
    {
        job.ToTable("DeletionJobs");
        job.Property(j => j.RequestedByUserId).HasMaxLength(200);
        job.Property(j => j.RequestedByName).HasMaxLength(200);
        job.Property(j => j.RequestedBy).HasMaxLength(500);
        job.Property(j => j.ConfirmedByUserId).HasMaxLength(200);
        job.Property(j => j.ConfirmedByName).HasMaxLength(200);
        job.Property(j => j.Reason).HasMaxLength(500);
        job.Property(j => j.Selection).HasMaxLength(2000);
        job.Property(j => j.LastError).HasMaxLength(2000);
        job.HasIndex(j => j.State);
        job.HasMany<DeletionJobItem>().WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
        job.HasMany<DeletionJobConnection>().WithOne().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeletionJobItemConfiguration : IEntityTypeConfiguration<DeletionJobItem>
{
    public void Configure(EntityTypeBuilder<DeletionJobItem> item)
    {
        item.ToTable("DeletionJobItems");
        // The runner reads a job's open items in call id order; no foreign key to Calls: the items outlive their calls.
        item.HasKey(i => new { i.JobId, i.CallId });
        // Two jobs must not hold the same call: the overlap check looks items up by call.
        item.HasIndex(i => i.CallId);
        item.Property(i => i.VendorCallId).HasMaxLength(200);
        item.Property(i => i.VendorError).HasMaxLength(500);
        // Items are inserted by SQL that names only the columns it knows; the rest start at these defaults.
        item.Property(i => i.VendorState).HasDefaultValue(VendorDeletionState.NotApplicable);
        item.Property(i => i.HadTranscript).HasDefaultValue(false);
        item.Property(i => i.RecordingLinks).HasDefaultValue(0);
        // The vendor deletes read a job's items that wait for the vendor (few), or that failed.
        item.HasIndex(i => new { i.JobId, i.VendorState });
    }
}

internal sealed class DeletionJobConnectionConfiguration : IEntityTypeConfiguration<DeletionJobConnection>
{
    public void Configure(EntityTypeBuilder<DeletionJobConnection> connection)
    {
        connection.ToTable("DeletionJobConnections");
        // No foreign key to Connections: the record outlives a removed connection.
        connection.HasKey(c => new { c.JobId, c.ConnectionId });
        connection.Property(c => c.Name).HasMaxLength(200);
    }
}
