using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Telephony.Tests;
using Portal.Web.Data.Entities;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>A WebFones page with records the emulator never sends, from a loopback vendor, synced into both databases.</summary>
public class OneBadRecordSyncTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [MemberData(nameof(CallIngestorTests.Providers), MemberType = typeof(CallIngestorTests))]
    public async Task Sync_PageWithATimeTheClocksSkipADateOverflowAndALongName_StoresTheRestAndSkipsTheBadOnes(string provider)
    {
        await using var sandbox = await SyncEnvironment.StartAsync();
        var gap = LastSpringForwardGap(sandbox.Clock.UtcNow);
        var longName = string.Concat(Enumerable.Repeat("ACME WIDGETS ", 30));
        string[] records =
        [
            Record(1, gap.AddHours(-1), "ANNA"),
            Record(2, gap, "SKIPPED HOUR"),
            Record(3, gap.AddHours(1), "BEN"),
            Record(4, gap.AddHours(2), longName),
            Record(5, new DateTime(9999, 12, 31, 23, 59, 30), "END OF TIME"),
        ];
        await using var vendor = await LoopbackServer.StartAsync($$"""{"success":true,"count":5,"records":[{{string.Join(",", records)}}]}""");
        (string, string?)[] database = provider == "Postgres"
            ? [("Database:Provider", "Postgres"), ("ConnectionStrings:Portal", await PostgresDatabases.CreateAsync(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL).")))]
            : [];
        using var portal = sandbox.StartPortal(database);
        // The sandbox's WebFones account (New York) at the loopback vendor, with a backfill that reaches the last spring.
        var id = await SyncEnvironment.AddConnectionAsync(portal, VendorKind.WebFones, vendor.BaseAddress, backfillDays: 400);

        await WaitForSuccessAsync(portal, id);

        await using var db = await DbAsync(portal);
        var stored = await db.Calls.AsNoTracking().Where(c => c.ConnectionId == id).OrderBy(c => c.VendorCallId).ToListAsync();
        Assert.Equal(["1", "3", "4"], stored.Select(c => c.VendorCallId));
        Assert.Equal(longName[..200], stored[2].ExternalName);
        Assert.Contains(longName, stored[2].RawPayload);
        var skipped = await db.SkippedVendorRecords.Where(s => s.ConnectionId == id).OrderBy(s => s.VendorKey).ToListAsync();
        Assert.Equal(["2", "5"], skipped.Select(s => s.VendorKey));
        Assert.Equal($"{gap:yyyy-MM-dd HH:mm:ss} does not exist in America/New_York: the clocks skip that hour when summer time starts. Check the connection's time zone.", skipped[0].Reason);
        Assert.StartsWith("The record could not be mapped (ArgumentOutOfRangeException): ", skipped[1].Reason);
        var connection = await ConnectionAsync(portal, id);
        Assert.Equal((ConnectionState.Polling, 2, 0, null), (connection.State, connection.SkippedRecords, connection.ConsecutiveErrors, connection.LastError));
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(gap.AddHours(2), NewYork), (await db.SyncCursors.SingleAsync(c => c.ConnectionId == id)).WatermarkUtc);
        await AssertRollupsMatchCallsAsync(portal);
    }

    /// <summary>02:30 on the last night before <paramref name="nowUtc"/> New York sprang forward: a local time that never happened there.</summary>
    private static DateTime LastSpringForwardGap(DateTime nowUtc)
    {
        var night = DateTime.SpecifyKind(nowUtc.Date, DateTimeKind.Unspecified).AddHours(2.5);
        while (!NewYork.IsInvalidTime(night))
        {
            night = night.AddDays(-1);
        }
        return night;
    }

    private static string Record(int rid, DateTime local, string name) =>
        $$"""{"rid":{{rid}},"call_timestamp":"{{local:yyyy-MM-dd HH:mm:ss}}","cidname_outside":"{{name}}","cidext_inside":"101","direction":"INCOMING","cidnumber_outside":"(212) 555-0123","disposition":"ANSWERED","duration":90,"billsec":60}""";
}
