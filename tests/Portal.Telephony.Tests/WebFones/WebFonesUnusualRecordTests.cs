using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>Records the emulator never sends, from a loopback vendor: one of them is skipped, the rest of the page is read.</summary>
public sealed class WebFonesUnusualRecordTests
{
    private static readonly DateTime Since = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ReadSinceAsync_LocalTimeTheClocksSkip_IsSkippedWithTheReasonAndTheRestRead()
    {
        var gap = Record(2, "2026-03-08 02:30:00"); // New York springs from 02:00 to 03:00 that night
        await using var vendor = await LoopbackServer.StartAsync(Answer(Record(1, "2026-03-08 01:59:59"), gap, Record(3, "2026-03-08 03:00:00")));

        var page = Assert.Single(await ReadAsync(vendor));

        Assert.Equal([("1", new DateTime(2026, 3, 8, 6, 59, 59, DateTimeKind.Utc)), ("3", new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc))],
            page.Calls.Select(c => (c.VendorCallId, c.StartedAtUtc)));
        Assert.Equal(new SkippedRecord("2", "2026-03-08 02:30:00 does not exist in America/New_York: the clocks skip that hour when summer time starts. Check the connection's time zone.", gap),
            Assert.Single(page.Skipped));
    }

    [Fact]
    public async Task ReadSinceAsync_DateAtTheEndOfTheCalendar_IsSkippedWithTheExceptionAndTheRestRead()
    {
        var overflow = Record(2, "9999-12-31 23:59:30");
        await using var vendor = await LoopbackServer.StartAsync(Answer(Record(1, "2026-03-08 01:59:59"), overflow));

        var page = Assert.Single(await ReadAsync(vendor));

        Assert.Equal("1", Assert.Single(page.Calls).VendorCallId);
        var skipped = Assert.Single(page.Skipped);
        Assert.Equal(("2", overflow), (skipped.VendorKey, skipped.RawPayload));
        Assert.StartsWith("The record could not be mapped (ArgumentOutOfRangeException): ", skipped.Reason);
    }

    private static string Record(int rid, string localTime) =>
        $$"""{"rid":{{rid}},"call_timestamp":"{{localTime}}","direction":"INCOMING","disposition":"ANSWERED","duration":90,"billsec":60}""";

    private static string Answer(params string[] records) => $$"""{"success":true,"count":{{records.Length}},"records":[{{string.Join(",", records)}}]}""";

    private static async Task<List<CallPage>> ReadAsync(LoopbackServer vendor)
    {
        await using var services = new ServiceCollection().AddLogging().AddTelephonyForLoopback().BuildServiceProvider();
        var settings = new VendorConnectionSettings(VendorKind.WebFones, vendor.BaseAddress,
            new Dictionary<string, string> { [VendorSecrets.ApiKey] = "key" }, PhoneRegion: "US", TimeZone: "America/New_York");
        var source = (ICallRecordSource)services.GetRequiredService<VendorAdapters>().Create(settings);
        return await source.ReadAllAsync(Since);
    }
}
