using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Features.Retention.Holds;

namespace Portal.Web.Features.Retention.Policies;

/// <summary>
/// Runs the retention policies on their schedule (<see cref="RetentionSchedule"/>): at each run it makes one deletion job of kind
/// PolicyPurge per scope that has calls due (whole calls, transcripts only, recording links only) through
/// <see cref="DeletionJobs"/>, as the retention system user with the reason "retention policy" and the rule in words. Calls under
/// legal hold are left out; calls an unfinished job still holds are left for the next run. The jobs run like any other.
/// </summary>
public sealed class RetentionPurgeScheduler(
    IDbContextFactory<PortalDbContext> contexts,
    DeletionJobs jobs,
    RetentionSchedule schedule,
    TimeProvider clock,
    ILogger<RetentionPurgeScheduler> logger) : BackgroundService
{
    public const string Reason = "retention policy";

    /// <summary>Who the purge jobs name as their requester: the policies, not a person.</summary>
    public static readonly PortalUser SystemUser = new("portal:retention-policies", "Retention policies", [PortalRoles.Admin], []);

    private static readonly CallDeletionScope[] Scopes = [CallDeletionScope.Calls, CallDeletionScope.TranscriptsOnly, CallDeletionScope.RecordingsOnly];

    /// <summary>The run this instance waits for (null before the hosted service started).</summary>
    public DateTime? WaitingForUtc { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.NextRunUtc(now);
            logger.LogInformation("The next retention purge runs at {RunAtUtc:u}", next);
            try
            {
                // The timer exists before the wait is announced: a clock that moves on once it reads WaitingForUtc (a test's) cannot
                // move past the run before the timer is set.
                var due = Task.Delay(next - now, clock, stoppingToken);
                WaitingForUtc = next;
                await due;
                await RunAsync(next, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The retention purge of {RunAtUtc:u} failed; the next one runs as scheduled", next);
            }
        }
    }

    /// <summary>Makes the purge jobs of a run at <paramref name="runAtUtc"/>; returns their ids (none when nothing is due).</summary>
    public async Task<IReadOnlyList<long>> RunAsync(DateTime runAtUtc, CancellationToken cancellationToken)
    {
        var created = new List<long>();
        foreach (var scope in Scopes)
        {
            RetentionPlan plan;
            long due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                plan = await RetentionPlan.ReadAsync(db, runAtUtc, cancellationToken);
                if (!plan.Purges(scope))
                {
                    continue;
                }
                var holds = await ActiveHolds.ReadAsync(db, cancellationToken);
                var busy = DeletionJobs.BusyCallIds(db, scope);
                due = await holds.Exclude(db, plan.CallIds(db, scope)).Where(id => !busy.Contains(id)).LongCountAsync(cancellationToken);
            }
            if (due == 0)
            {
                continue;
            }
            try
            {
                var id = await jobs.CreatePolicyPurgeAsync(SystemUser, scope, db => plan.CallIds(db, scope), Reason, plan.Words(scope), cancellationToken);
                logger.LogInformation("Retention purge job {JobId} made for {Scope}: {Due} calls", id, scope, due);
                created.Add(id);
            }
            catch (DeletionJobRefusedException ex)
            {
                // Everything due became held or busy between the count and the job (another instance, a new hold): the next run takes it.
                logger.LogInformation("No retention purge job for {Scope} at {RunAtUtc:u}: {Reason}", scope, runAtUtc, ex.Message);
            }
        }
        return created;
    }
}
