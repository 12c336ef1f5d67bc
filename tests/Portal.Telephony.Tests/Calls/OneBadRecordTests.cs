using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Calls;

/// <summary>
/// Adapters whose vendors may send zone-less times, against a loopback vendor: a time the clocks skip in the
/// connection's zone skips that record with the reason; the rest of the page is read (WebFones: WebFonesUnusualRecordTests).
/// </summary>
public sealed class OneBadRecordTests
{
    public static TheoryData<VendorKind, string> Answers => new()
    {
        {
            VendorKind.Cinnox, """
            {"code":0,"result":[
              {"id":"good","callDirection":"Inbound","caller":"4930123456","callee":"101","callDate":"2026-03-08T01:59:00","status":"Call Ended"},
              {"id":"gap","callDirection":"Inbound","caller":"4930123456","callee":"101","callDate":"2026-03-08T02:30:00","status":"Call Ended"}]}
            """
        },
        {
            VendorKind.Unpod, """
            {"count":2,"data":[
              {"id":"good","source_number":"+4930123456","destination_number":"+4930999","call_type":"inbound","call_status":"completed","creation_time":"2026-03-08T01:59:00"},
              {"id":"gap","source_number":"+4930123456","destination_number":"+4930999","call_type":"inbound","call_status":"completed","creation_time":"2026-03-08T02:30:00"}]}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task ReadSinceAsync_ZoneLessTimeTheClocksSkip_SkipsThatRecordAndReadsTheRest(VendorKind vendor, string answer)
    {
        await using var loopback = await LoopbackServer.StartAsync(answer);
        await using var services = new ServiceCollection().AddLogging().AddTelephonyForLoopback().BuildServiceProvider();
        var secrets = new Dictionary<string, string>
        {
            [VendorSecrets.AppId] = "app", [VendorSecrets.AppToken] = "token", [VendorSecrets.Token] = "token", [VendorSecrets.OrgHandle] = "org",
        };
        var source = (ICallRecordSource)services.GetRequiredService<VendorAdapters>()
            .Create(new VendorConnectionSettings(vendor, loopback.BaseAddress, secrets, PhoneRegion: "DE", TimeZone: "America/New_York"));

        var pages = new List<CallPage>();
        // CINNOX reads day windows up to now: a minute back is one window (the loopback vendor answers the same to every request).
        await foreach (var page in source.ReadSinceAsync(vendor == VendorKind.Cinnox ? DateTime.UtcNow.AddMinutes(-1) : new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None))
        {
            pages.Add(page);
        }

        var read = Assert.Single(pages);
        Assert.Equal(("good", new DateTime(2026, 3, 8, 6, 59, 0, DateTimeKind.Utc)), (Assert.Single(read.Calls).VendorCallId, read.Calls[0].StartedAtUtc));
        var skipped = Assert.Single(read.Skipped);
        Assert.Equal("gap", skipped.VendorKey);
        Assert.Equal("2026-03-08 02:30:00 does not exist in America/New_York: the clocks skip that hour when summer time starts. Check the connection's time zone.", skipped.Reason);
    }
}
