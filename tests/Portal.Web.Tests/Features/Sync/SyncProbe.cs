using Portal.Web.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>Reads what a portal's sync engine has written, and waits for states (never for a fixed time).</summary>
public static class SyncProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<PortalDbContext> DbAsync(PortalAppFactory portal) =>
        await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public static async Task<Connection> ConnectionAsync(PortalAppFactory portal, int connectionId)
    {
        await using var db = await DbAsync(portal);
        return await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
    }

    /// <summary>Waits until <paramref name="done"/> holds; fails with <paramref name="what"/> after a generous limit.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for a connection's first successful pass.</summary>
    public static Task WaitForSuccessAsync(PortalAppFactory portal, int connectionId) =>
        WaitUntilAsync(async () => (await ConnectionAsync(portal, connectionId)).LastSuccessAtUtc is not null, $"connection {connectionId} has synced");

    /// <summary>Moves a connection's cursors to 30 days before now, wakes it and waits for the re-sync pass: every call comes again.</summary>
    public static async Task ResyncEverythingAsync(SyncEnvironment sandbox, PortalAppFactory portal, int connectionId)
    {
        var lastSuccess = (await ConnectionAsync(portal, connectionId)).LastSuccessAtUtc;
        await using (var db = await DbAsync(portal))
        {
            await db.SyncCursors.Where(c => c.ConnectionId == connectionId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WatermarkUtc, sandbox.Clock.UtcNow.AddDays(-30)));
        }
        portal.Services.GetRequiredService<Portal.Web.Vendors.SyncSignals>().Wake(connectionId);
        await WaitUntilAsync(async () => (await ConnectionAsync(portal, connectionId)).LastSuccessAtUtc > lastSuccess, "the re-sync has run");
    }

    public static async Task<List<ExpectedCall>> StoredCallsAsync(PortalAppFactory portal, int connectionId)
    {
        await using var db = await DbAsync(portal);
        return await db.Calls.AsNoTracking().Where(c => c.ConnectionId == connectionId)
            .Select(c => new ExpectedCall(c.VendorCallId, c.Outcome, c.DurationSeconds, c.HasTranscript))
            .ToListAsync();
    }

    /// <summary>The rollups of every grain equal a GROUP BY over the stored calls (computed here, not by the sync engine).</summary>
    public static Task AssertRollupsMatchCallsAsync(PortalAppFactory portal) =>
        AssertRollupsMatchCallsAsync(portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>());

    /// <summary>The rollups of every grain equal a GROUP BY over the stored calls (computed here, not by the sync engine).</summary>
    public static async Task AssertRollupsMatchCallsAsync(IDbContextFactory<PortalDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var calls = await db.Calls.AsNoTracking().ToListAsync();
        static DateTime Hour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);
        var expected = calls
            .SelectMany(c => new[]
            {
                (Call: c, Grain: RollupGrain.Hour, Period: Hour(c.StartedAtUtc), Extension: c.Extension ?? ""),
                (Call: c, Grain: RollupGrain.Day, Period: Hour(c.StartedAtUtc).Date, Extension: c.Extension ?? ""),
                (Call: c, Grain: RollupGrain.HourAllExtensions, Period: Hour(c.StartedAtUtc), Extension: ""),
                (Call: c, Grain: RollupGrain.Month, Period: new DateTime(c.StartedAtUtc.Year, c.StartedAtUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc), Extension: c.Extension ?? ""),
            })
            .GroupBy(x => (x.Grain, x.Period, x.Call.ConnectionId, x.Extension, x.Call.Direction, x.Call.Outcome), x => x.Call)
            .Select(g => (g.Key.Grain, g.Key.Period, g.Key.ConnectionId, g.Key.Extension, g.Key.Direction, g.Key.Outcome, Calls: g.Count(),
                Talk: g.Sum(c => (long)c.DurationSeconds), Ring: g.Sum(c => (long)(c.RingSeconds ?? 0)), RingCalls: g.Count(c => c.RingSeconds is not null),
                Buckets: string.Join(',', Enumerable.Range(0, 8).Select(b => g.Count(c => TalkBuckets.Of(c.DurationSeconds) == b)))))
            .Order()
            .ToList();
        var actual = (await db.CallRollups.AsNoTracking().ToListAsync())
            .Select(r => (r.Grain, Period: DateTime.SpecifyKind(r.PeriodUtc, DateTimeKind.Utc), r.ConnectionId, r.Extension, r.Direction, r.Outcome, r.Calls,
                Talk: r.TalkSeconds, Ring: r.RingSeconds, r.RingCalls,
                Buckets: string.Join(',', new[] { r.Talk0, r.Talk1, r.Talk2, r.Talk3, r.Talk4, r.Talk5, r.Talk6, r.Talk7 })))
            .Order()
            .ToList();
        Assert.Equal(expected, actual);
    }
}
