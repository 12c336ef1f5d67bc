using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Tests;
using Portal.Telephony.Calls;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Tests.Data.CallStore;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// Deletion jobs: a job deletes exactly its frozen calls, resumes after a kill without counting anything twice, stops between
/// batches when paused or cancelled, never shares a call with an unfinished job, and refuses anyone but an administrator.
/// </summary>
public class DeletionJobsTests
{
    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Run_JobOverMixedCalls_DeletesExactlyItsItemsAndRollupsEqualAGroupBy(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var chosen = await portal.CallIdsAsync(q => q.Where(c => c.Id % 3 == 0 || (c.ConnectionId == calls.ConnectionA && c.Direction == CallDirection.Inbound)));
        var kept = await portal.CallIdsAsync(q => q.Where(c => !chosen.Contains(c.Id)));

        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, [.. chosen, 999_999, chosen[0]], "TICKET-1", "every third call"));
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, chosen.Length + 1L, chosen.Length + 1L, (long)chosen.Length),
            (job.State, job.SelectedCount, job.ProcessedCount, job.DeletedCount));
        Assert.NotNull(job.StartedAtUtc);
        Assert.NotNull(job.FinishedAtUtc);
        Assert.Null(job.LastError);
        Assert.Equal(kept, await portal.CallIdsAsync());
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(chosen, await db.DeletionJobItems.Where(i => i.JobId == id && i.Deleted).Select(i => i.CallId).OrderBy(c => c).ToArrayAsync());
            Assert.False(await db.DeletionJobItems.AnyAsync(i => i.JobId == id && !i.Done));
            Assert.Equal(chosen.Length, await db.CallTombstones.CountAsync());
        }
        Assert.Equal(provider == "Sqlite", job.BytesReclaimed is not null); // more than 20 calls deleted; PostgreSQL reclaims nothing itself
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    /// <summary>The real portal: PortalApplication registers the runner, which picks up a new job by itself.</summary>
    [Fact]
    public async Task Portal_JobCreated_TheHostedRunnerCompletesIt()
    {
        using var portal = PortalAppFactory.With(new() { ["Sync:Enabled"] = "false" }, services: s => s.AddFixedClock(new FixedStartClock()));
        var calls = await MixedCalls.IngestAsync(portal.Services);
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        long[] chosen;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            chosen = await db.Calls.Where(c => c.ConnectionId == calls.ConnectionA).Select(c => c.Id).ToArrayAsync();
        }
        var jobs = portal.Services.GetRequiredService<DeletionJobs>();

        var id = await jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.ConnectionRemoval, CallDeletionScope.Calls, chosen, "removal"));
        await WaitUntilAsync(async () => (await jobs.GetAsync(RetentionHost.Admin, id))!.State == DeletionJobState.Completed, "the job completes");

        Assert.Equal(chosen.LongLength, (await jobs.GetAsync(RetentionHost.Admin, id))!.DeletedCount);
        Assert.Equal([id], (await jobs.ListAsync(RetentionHost.Admin)).Select(j => j.Id));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal([calls.ConnectionB], await db.Calls.Select(c => c.ConnectionId).Distinct().ToListAsync());
        }
        await AssertRollupsMatchCallsAsync(contexts);
    }

    [Fact]
    public async Task Run_KilledAfterTwoBatchesAndStartedAgain_ResumesAndCountsEachCallOnce()
    {
        string database;
        long id;
        long[] chosen;
        using (var first = await RetentionHost.CreateAsync("Sqlite"))
        {
            database = first.ConnectionString;
            await MixedCalls.IngestAsync(first.Host);
            chosen = await first.CallIdsAsync(q => q.Where(c => c.Id % 2 == 0));
            id = await first.Jobs.CreateAsync(RetentionHost.Admin,
                new DeletionJobRequest(DeletionJobKind.PolicyPurge, CallDeletionScope.Calls, chosen, "calls older than 2 years"));
            using var kill = new CancellationTokenSource();
            var batches = 0;
            first.Runner.BatchCommitted += _ =>
            {
                if (++batches == 2)
                {
                    kill.Cancel(); // the process dies after its second commit
                }
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Runner.RunPendingAsync(kill.Token));

            var stopped = await first.JobAsync(id);
            Assert.Equal((DeletionJobState.Running, 2L * RetentionHost.BatchSize, 2L * RetentionHost.BatchSize),
                (stopped.State, stopped.ProcessedCount, stopped.DeletedCount));
        }

        using var second = await RetentionHost.ReopenAsync(database, start: true);
        await WaitUntilAsync(async () => (await second.JobAsync(id)).State == DeletionJobState.Completed, "the resumed job completes");

        var job = await second.JobAsync(id);
        Assert.Equal((chosen.LongLength, chosen.LongLength, chosen.LongLength), (job.SelectedCount, job.ProcessedCount, job.DeletedCount));
        Assert.Empty(await second.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id))));
        Assert.Equal(2 * MixedCalls.PerConnection - chosen.Length, (await second.CallIdsAsync()).Length);
        await AssertRollupsMatchCallsAsync(second.Contexts);
        var finished = Assert.Single(await second.AuditAsync(), e => e.Action == DeletionJobRunner.FinishedAction);
        Assert.Equal(chosen.LongLength, finished.RowCount);
    }

    [Fact]
    public async Task Run_BatchFailsInTheDatabase_RecordsFailedWithTheErrorAndResumeFinishesExactly()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);
        var chosen = await portal.CallIdsAsync(q => q.Where(c => c.Id % 4 != 0));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            // The third batch cannot delete one of its calls: its transaction rolls back whole.
            var trigger = $"""
                CREATE TRIGGER "FailDelete" BEFORE DELETE ON "Calls" WHEN OLD."Id" = {chosen[2 * RetentionHost.BatchSize + 1]}
                BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
                """; // a number, not text from outside
            await db.Database.ExecuteSqlRawAsync(trigger);
        }
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, chosen, "cleanup"));

        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var failed = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Failed, 2L * RetentionHost.BatchSize, 2L * RetentionHost.BatchSize), (failed.State, failed.ProcessedCount, failed.DeletedCount));
        Assert.Contains("disk on fire", failed.LastError);
        Assert.Equal(chosen.Length - 2 * RetentionHost.BatchSize, (await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id)))).Length);
        await AssertRollupsMatchCallsAsync(portal.Contexts);
        var entry = Assert.Single(await portal.AuditAsync(), e => e.Action == DeletionJobRunner.FailedAction);
        Assert.Contains("error: ", entry.Details);
        Assert.Equal(2L * RetentionHost.BatchSize, entry.RowCount);

        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "FailDelete" """);
        }
        await portal.Jobs.ResumeAsync(RetentionHost.Admin, id);
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, chosen.LongLength, chosen.LongLength, (string?)null), (job.State, job.ProcessedCount, job.DeletedCount, job.LastError));
        Assert.Empty(await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id))));
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Fact]
    public async Task Pause_AfterTheFirstBatch_StopsBetweenBatchesAndResumeContinuesToTheEnd()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        var calls = await MixedCalls.IngestAsync(portal.Host);
        var chosen = await portal.CallIdsAsync(q => q.Where(c => c.ConnectionId == calls.ConnectionB));
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.ConnectionBeforeDate, CallDeletionScope.Calls, chosen, "test data", "Cinnox before 2026-04-01"));
        var pauseOnce = true;
        portal.Runner.BatchCommitted += _ =>
        {
            if (pauseOnce)
            {
                pauseOnce = false;
                portal.Jobs.PauseAsync(RetentionHost.Admin, id).GetAwaiter().GetResult(); // an admin clicks pause while a batch runs
            }
        };

        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var paused = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Paused, (long)RetentionHost.BatchSize), (paused.State, paused.DeletedCount));
        Assert.Equal(chosen.Length - RetentionHost.BatchSize, (await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id)))).Length);
        await portal.Runner.RunPendingAsync(CancellationToken.None); // a paused job is not picked up
        Assert.Equal(DeletionJobState.Paused, (await portal.JobAsync(id)).State);

        await portal.Jobs.ResumeAsync(RetentionHost.Admin, id);
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, chosen.LongLength, chosen.LongLength), (job.State, job.ProcessedCount, job.DeletedCount));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal([calls.ConnectionA], await db.Calls.Select(c => c.ConnectionId).Distinct().ToListAsync());
        }
        await AssertRollupsMatchCallsAsync(portal.Contexts);
        var audit = (await portal.AuditAsync()).Where(e => e.Target == $"deletion job {id}").ToList();
        Assert.Equal([DeletionJobs.CreateAction, DeletionJobs.PauseAction, DeletionJobs.ResumeAction, DeletionJobRunner.FinishedAction],
            audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.False(e.Refused));
        Assert.Equal([chosen.LongLength, RetentionHost.BatchSize, RetentionHost.BatchSize, chosen.LongLength], audit.Select(e => e.RowCount ?? -1));
        Assert.All(audit, e => Assert.Contains("reason: test data", e.Details));
        Assert.Equal(["admin-1", "admin-1", "admin-1", DeletionJobRunner.RunnerUser.Id], audit.Select(e => e.UserId));
        Assert.Equal("Cinnox before 2026-04-01", audit[0].Filter);
    }

    [Fact]
    public async Task Cancel_AfterTheFirstBatch_LeavesTheRestAndReleasesThem()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);
        var chosen = await portal.CallIdsAsync(q => q.Where(c => c.Id <= 30));
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.Calls, chosen, "GDPR request 17"));
        portal.Runner.BatchCommitted += progress =>
        {
            if (progress.JobId == id && progress.ProcessedCount == RetentionHost.BatchSize)
            {
                portal.Jobs.CancelAsync(RetentionHost.Admin, id).GetAwaiter().GetResult();
            }
        };

        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Cancelled, (long)RetentionHost.BatchSize), (job.State, job.DeletedCount));
        Assert.NotNull(job.FinishedAtUtc);
        Assert.Equal(chosen.Length - RetentionHost.BatchSize, (await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id)))).Length);
        await AssertRollupsMatchCallsAsync(portal.Contexts);
        var cancelled = Assert.Single(await portal.AuditAsync(), e => e.Action == DeletionJobs.CancelAction);
        Assert.Equal(RetentionHost.BatchSize, cancelled.RowCount);
        Assert.Contains($"selected {chosen.Length}, done {RetentionHost.BatchSize}, deleted {RetentionHost.BatchSize}", cancelled.Details);
        await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.ResumeAsync(RetentionHost.Admin, id));

        // The calls it left belong to no job any more: a new job may take them.
        var next = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.Calls, chosen, "again"));
        await portal.Runner.RunPendingAsync(CancellationToken.None);
        var again = await portal.JobAsync(next);
        Assert.Equal((DeletionJobState.Completed, chosen.LongLength, chosen.LongLength - RetentionHost.BatchSize),
            (again.State, again.ProcessedCount, again.DeletedCount)); // the calls the first job deleted are found gone and not counted
        Assert.Empty(await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id))));
    }

    [Fact]
    public async Task Run_JobAnotherInstanceRuns_IsLeftToIt_AndTakenUpWhenThatInstanceIsGone_Postgres()
    {
        using var portal = await RetentionHost.CreateAsync("Postgres");
        await MixedCalls.IngestAsync(portal.Host);
        var chosen = await portal.CallIdsAsync(q => q.Where(c => c.Id % 2 == 0));
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, chosen, "TICKET-9", "every second call"));
        // Another portal instance's runner holds the job (its claim: a session advisory lock on the job).
        await using var otherInstance = new Npgsql.NpgsqlConnection(portal.ConnectionString);
        await otherInstance.OpenAsync();
        await using (var claim = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock(7414, {id})", otherInstance))
        {
            await claim.ExecuteScalarAsync();
        }

        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var left = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Pending, 0L), (left.State, left.ProcessedCount));
        Assert.Equal(chosen.Length, (await portal.CallIdsAsync(q => q.Where(c => chosen.Contains(c.Id)))).Length);

        await otherInstance.CloseAsync(); // that instance is gone: its lock with it
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        var done = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Completed, (long)chosen.Length), (done.State, done.DeletedCount));
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Fact]
    public async Task Create_OverlappingAnUnfinishedJob_IsRefusedWithTheJobNamed()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);
        var all = await portal.CallIdsAsync();
        var first = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, all[..20], "first"));
        await portal.Jobs.PauseAsync(RetentionHost.Admin, first);

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.TranscriptsOnly, all[15..40], "second")));

        Assert.Contains($"5 in deletion job {first}", refused.Message);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal([first], await db.DeletionJobs.Select(j => j.Id).ToListAsync());
            Assert.Equal(20, await db.DeletionJobItems.CountAsync());
        }
        var entry = (await portal.AuditAsync())[^1];
        Assert.Equal((DeletionJobs.CreateAction, true), (entry.Action, entry.Refused));
        var disjoint = await portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.TranscriptsOnly, all[20..40], "second"));
        Assert.NotEqual(first, disjoint);
        await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.Calls, all[40..], " ")));
    }

    [Fact]
    public async Task EveryAction_Supervisor_IsRefusedAndLogged()
    {
        using var portal = await RetentionHost.CreateAsync("Sqlite");
        await MixedCalls.IngestAsync(portal.Host);
        var ids = await portal.CallIdsAsync();
        var id = await portal.Jobs.CreateAsync(RetentionHost.Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, ids[..5], "ok"));
        var supervisor = RetentionHost.Supervisor;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.CreateAsync(supervisor,
            new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls, ids[5..10], "mine")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.PauseAsync(supervisor, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.ResumeAsync(supervisor, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.CancelAsync(supervisor, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.GetAsync(supervisor, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Jobs.ListAsync(supervisor));

        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobState.Pending, 0L), (job.State, job.ProcessedCount));
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.DeletionJobs.CountAsync());
        }
        var refused = (await portal.AuditAsync()).Where(e => e.Refused).ToList();
        Assert.Equal([DeletionJobs.CreateAction, DeletionJobs.PauseAction, DeletionJobs.ResumeAction, DeletionJobs.CancelAction], refused.Select(e => e.Action));
        Assert.All(refused, e => Assert.Equal(("super-1", "Only administrators may manage deletion jobs."), (e.UserId, e.Details)));
        var events = portal.SecurityEvents.Where(e => e.Id.Id == SecurityLog.RefusedEventId).ToList();
        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Contains("super-1", e.Message));
    }
}
