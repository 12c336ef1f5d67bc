using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Tests;

namespace Portal.E2E;

/// <summary>A portal whose first run connects every sandbox vendor (a week of history), so every page has data.</summary>
public sealed class SeededBrowserFixture() : BrowserFixture(PortalAppFactory.With(new() { ["Portal:SeedSandboxConnections"] = "true" }, services: s => s.AddFixedClock(new FixedStartClock())))
{
    /// <summary>A call with a transcript and one with a recording, once the first sync has stored them.</summary>
    public async Task<(long Transcript, long Recording)> WaitForCallsAsync()
    {
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var transcript = await db.Calls.Where(c => c.HasTranscript).Select(c => (long?)c.Id).FirstOrDefaultAsync();
                var recording = await db.Recordings.Select(r => (long?)r.CallId).FirstOrDefaultAsync();
                if (transcript is { } t && recording is { } r)
                {
                    return (t, r);
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The sandbox connections stored no call with a transcript and one with a recording within 2 minutes.");
            await Task.Delay(500);
        }
    }

    private long? _finishedDeletionJob;

    /// <summary>
    /// A completed deletion job for the retention pages, written straight into its table once (no calls of its own: the other
    /// pages keep every call). The runner leaves a completed job alone.
    /// </summary>
    public async Task<long> FinishedDeletionJobAsync()
    {
        if (_finishedDeletionJob is { } id)
        {
            return id;
        }
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = Portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync();
        var job = new DeletionJob
        {
            Kind = DeletionJobKind.Erasure, Scope = CallDeletionScope.Calls, State = DeletionJobState.Completed, RequestedByUserId = "dev-admin",
            RequestedByName = "Alex Admin", Reason = "GDPR-4711", Selection = "erasure request: 1 phone number(s)", CreatedAtUtc = now.AddMinutes(-3),
            StartedAtUtc = now.AddMinutes(-3), FinishedAtUtc = now.AddMinutes(-2), SelectedCount = 120, ProcessedCount = 120, DeletedCount = 118,
            BytesReclaimed = 1_572_864,
        };
        db.DeletionJobs.Add(job);
        await db.SaveChangesAsync();
        _finishedDeletionJob = job.Id;
        return job.Id;
    }
}
