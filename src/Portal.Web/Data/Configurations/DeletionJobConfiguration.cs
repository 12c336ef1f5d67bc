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
        job.Property(j => j.Reason).HasMaxLength(500);
        job.Property(j => j.Selection).HasMaxLength(2000);
        job.Property(j => j.LastError).HasMaxLength(2000);
        job.HasIndex(j => j.State);
        job.HasMany<DeletionJobItem>().WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
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
    }
}
