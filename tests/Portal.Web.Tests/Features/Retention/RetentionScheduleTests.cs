using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Tests.Data.CallStore;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>The purge schedule: daily at the configured time of day in the configured zone, on a clock the test moves.</summary>
public class RetentionScheduleTests
{
    [Theory]
    [InlineData("UTC", "02:00", "2026-06-12T15:00:00Z", "2026-06-13T02:00:00Z")]
    [InlineData("UTC", "02:00", "2026-06-12T01:59:00Z", "2026-06-12T02:00:00Z")]
    [InlineData("Europe/Berlin", "02:00", "2026-06-12T15:00:00Z", "2026-06-13T00:00:00Z")] // summer: UTC+2
    [InlineData("Europe/Berlin", "02:00", "2026-01-12T15:00:00Z", "2026-01-13T01:00:00Z")] // winter: UTC+1
    [InlineData("Europe/Berlin", "02:30", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")] // 02:30 does not exist that night: right after the gap
    [InlineData("America/New_York", "23:15", "2026-06-12T15:00:00Z", "2026-06-13T03:15:00Z")]
    public void NextRunUtc_IsTheNextTimeOfDayInTheZone(string zone, string time, string after, string expected)
    {
        var schedule = new RetentionSchedule(Options.Create(new RetentionOptions { PurgeTime = TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture), PurgeTimeZone = zone }));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            schedule.NextRunUtc(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)));
    }

    [Fact]
    public async Task HostedScheduler_At0200InBerlin_MakesThePurgeJobsAndTheRunnerDeletes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 12, 15, 0, 0, TimeSpan.Zero));
        using var portal = await RetentionHost.CreateAsync("Sqlite", start: false, clock,
            new Dictionary<string, string?> { ["Retention:PurgeTime"] = "02:00", ["Retention:PurgeTimeZone"] = "Europe/Berlin" });
        await MixedCalls.IngestAsync(portal.Host);
        await RetentionPolicyTests.Policies(portal).SaveAsync(RetentionHost.Admin, new Portal.Web.Features.Retention.Policies.RetentionPolicyDraft(null, null, 104, null, null, true));
        var nextRun = new DateTime(2026, 6, 13, 0, 0, 0, DateTimeKind.Utc);
        var due = await portal.CallIdsAsync(q => q.Where(c => c.StartedAtUtc < nextRun.AddDays(-104)));
        Assert.Equal(nextRun, (await RetentionPolicyTests.Policies(portal).NextRunAsync(RetentionHost.Admin)).RunAtUtc);

        await portal.Host.StartAsync();
        await WaitUntilAsync(() => Task.FromResult(RetentionPolicyTests.Scheduler(portal).WaitingForUtc == nextRun), "the scheduler waits for 02:00");
        clock.Advance(new DateTime(2026, 6, 12, 23, 59, 0, DateTimeKind.Utc) - clock.GetUtcNow().UtcDateTime);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.Empty(await db.DeletionJobs.ToListAsync()); // 01:59 in Berlin: not yet
        }
        clock.Advance(TimeSpan.FromMinutes(1));

        await WaitUntilAsync(async () =>
        {
            await using var db = await portal.Contexts.CreateDbContextAsync();
            return await db.DeletionJobs.AnyAsync(j => j.State == DeletionJobState.Completed);
        }, "the 02:00 purge has run");
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            var job = Assert.Single(await db.DeletionJobs.ToListAsync());
            Assert.Equal((DeletionJobKind.PolicyPurge, CallDeletionScope.Calls, nextRun, (long)due.Length), (job.Kind, job.Scope, job.CreatedAtUtc, job.DeletedCount));
        }
        Assert.Empty(await portal.CallIdsAsync(q => q.Where(c => due.Contains(c.Id))));
        await AssertRollupsMatchCallsAsync(portal.Contexts);
    }

    [Theory]
    [InlineData("Retention:PurgeTimeZone", "Mars/Olympus_Mons", "PurgeTimeZone")]
    [InlineData("Retention:PurgeTime", "02:00:30", "PurgeTime")]
    [InlineData("Retention:PurgeTime", "1.02:00", "PurgeTime")]
    public async Task Start_BadScheduleSetting_IsRefusedAndNamesIt(string key, string value, string named)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RetentionHost.CreateAsync("Sqlite", start: true, settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, refused.Message);
    }
}
