using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Tests;

namespace Portal.E2E;

/// <summary>
/// A portal whose deletion job runner is not hosted, with one job in each state written straight into its table: a running job
/// then stays running, and a test moves its counts itself (as the runner's batches would) to watch the pages follow it.
/// </summary>
public sealed class RetentionJobsFixture() : BrowserFixture(PortalAppFactory.With(new() { ["Sync:Enabled"] = "false" }, services: s =>
{
    s.AddFixedClock(new FixedStartClock());
    // The runner's hosted registration is a factory lambda declared in AddRetention: without it, nothing runs jobs by itself.
    s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService)
        && d.ImplementationFactory?.Method.DeclaringType?.DeclaringType == typeof(RetentionServiceCollectionExtensions)));
})), IAsyncLifetime
{
    public const int Selected = 12_000;

    public Dictionary<DeletionJobState, long> JobIds { get; } = [];

    public IDbContextFactory<PortalDbContext> Contexts => Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = FixedStartClock.DefaultStart.UtcDateTime;
        await using var db = await Contexts.CreateDbContextAsync();
        DeletionJob Job(DeletionJobState state, DeletionJobKind kind, string selection, string reason, int minutesAgo) => new()
        {
            Kind = kind, Scope = CallDeletionScope.Calls, State = state, RequestedByUserId = "dev-admin", RequestedByName = "Alex Admin",
            Reason = reason, Selection = selection, CreatedAtUtc = created.AddMinutes(-minutesAgo), SelectedCount = Selected,
        };
        var jobs = new[]
        {
            Job(DeletionJobState.Completed, DeletionJobKind.Erasure, "erasure request: 2 phone number(s) until 2026-06-12 14:00:00Z", "GDPR-4711 (Art. 17 request by e-mail)", 240),
            Job(DeletionJobState.Failed, DeletionJobKind.ConnectionBeforeDate, "connection WebFones New York, calls before 2025-01-01", "Retention: 18 months", 180),
            Job(DeletionJobState.Cancelled, DeletionJobKind.WizardFilter, "outcome Missed, last 30 days", "Test data after the migration", 120),
            Job(DeletionJobState.Paused, DeletionJobKind.PolicyPurge, "policy \"Transcripts 180 days\"", "Scheduled purge", 60),
            Job(DeletionJobState.Running, DeletionJobKind.WizardFilter, "connection CINNOX Berlin, direction Inbound, 2026-01-01 to 2026-03-31", "TICKET-1234", 5),
        };
        foreach (var job in jobs)
        {
            (job.StartedAtUtc, job.FinishedAtUtc) = (job.CreatedAtUtc.AddSeconds(2), null);
            switch (job.State)
            {
                case DeletionJobState.Completed:
                    (job.ProcessedCount, job.DeletedCount, job.BytesReclaimed, job.FinishedAtUtc) = (Selected, Selected - 12, 48_234_496, job.StartedAtUtc.Value.AddSeconds(41));
                    break;
                case DeletionJobState.Failed:
                    (job.ProcessedCount, job.DeletedCount, job.LastError) = (4_000, 4_000, "database is locked");
                    break;
                case DeletionJobState.Cancelled:
                    (job.ProcessedCount, job.DeletedCount, job.FinishedAtUtc) = (6_000, 6_000, job.StartedAtUtc.Value.AddSeconds(20));
                    break;
                case DeletionJobState.Paused:
                    (job.ProcessedCount, job.DeletedCount) = (2_000, 1_950);
                    break;
                case DeletionJobState.Running:
                    (job.ProcessedCount, job.DeletedCount) = (2_000, 2_000);
                    break;
            }
            db.DeletionJobs.Add(job);
            await db.SaveChangesAsync();
            JobIds[job.State] = job.Id;
        }
        await AddVendorFailuresAsync(db, JobIds[DeletionJobState.Completed]);
    }

    /// <summary>
    /// The completed erasure job asked for by the data subject and confirmed by the administrator, with its NFON calls deleted at
    /// the vendor but three: NFON was down for them (their rows written as the vendor deletes would).
    /// </summary>
    private static async Task AddVendorFailuresAsync(PortalDbContext db, long jobId)
    {
        await db.DeletionJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.RequestedBy, "the data subject (e-mail of 2026-06-10, ticket GDPR-4711)")
            .SetProperty(j => j.ConfirmedByUserId, "dev-admin").SetProperty(j => j.ConfirmedByName, "Alex Admin")
            .SetProperty(j => j.VendorDeletedCount, Selected - 15).SetProperty(j => j.VendorFailedCount, 3));
        db.DeletionJobConnections.Add(new DeletionJobConnection
        {
            JobId = jobId, ConnectionId = 41, Name = "NFON Munich", Vendor = VendorKind.NfonCallHistory, VendorCanDelete = true,
        });
        string[] reasons =
        [
            "NFON answered 503 Service Unavailable after 4 attempts",
            "Not sent: NFON answered 503 Service Unavailable after 4 attempts",
            "NFON refused the record: 409 Conflict (record is under legal hold at NFON)",
        ];
        for (var i = 0; i < reasons.Length; i++)
        {
            db.DeletionJobItems.Add(new DeletionJobItem
            {
                JobId = jobId, CallId = 880_001 + i, Done = true, Deleted = true, ConnectionId = 41,
                VendorCallId = $"3f6c2a1e-9b7d-4c1a-8e2f-00000000000{i + 1}", VendorState = VendorDeletionState.Failed, VendorError = reasons[i],
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>What a committed batch of the runner writes: the running job's counts, raised.</summary>
    public async Task AdvanceRunningJobAsync(long calls)
    {
        var id = JobIds[DeletionJobState.Running];
        await using var db = await Contexts.CreateDbContextAsync();
        await db.DeletionJobs.Where(j => j.Id == id && j.ProcessedCount + calls <= j.SelectedCount)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ProcessedCount, j => j.ProcessedCount + calls).SetProperty(j => j.DeletedCount, j => j.DeletedCount + calls));
    }

    public async Task<DeletionJob> JobAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.DeletionJobs.AsNoTracking().SingleAsync(j => j.Id == id);
    }
}
