using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Reporting;
using Portal.Web.Features.Calls;

namespace Portal.Components.Tests.Calls;

public class CallDetailViewTests : PortalComponentTest
{
    private static readonly PortalUser Admin = new("admin", "Alex Admin", [PortalRoles.Admin], []);
    private static readonly PortalUser Supervisor = new("supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);

    private static readonly DateTime Started = new(2026, 3, 29, 0, 30, 0, DateTimeKind.Utc);

    /// <summary>A detail that carries a raw payload, as if a service had handed it out by mistake.</summary>
    private static CallDetail Detail() => new()
    {
        Id = 42,
        ConnectionId = 1,
        ConnectionName = "NFON Berlin",
        Vendor = VendorKind.NfonCallHistory,
        VendorCallId = "c-42",
        Direction = CallDirection.Inbound,
        Outcome = CallOutcome.Answered,
        StartedAtUtc = Started,
        UpdatedAtUtc = Started.AddMinutes(5),
        DurationSeconds = 95,
        Extension = "110",
        ExtensionName = "Felix Weber",
        ExternalNumber = "+4930123456",
        History = [new CallLeg(Started, "callee", "100", "Reception", "queue"), new CallLeg(Started.AddSeconds(9), "callee", "110", "Felix Weber", "extension")],
        Transcript = new CallTranscript("Router reset.", "en", [new CallTranscriptSegment("Felix Weber", 1, "Let us reset the router.")]),
        Recordings = [new CallRecording(7, "audio/wav", 95, 2048, Started)],
        RawPayload = """{"uuid":"c-42","caller":{"name":"Top Secret"}}""",
    };

    [Fact]
    public void Render_Supervisor_HidesTheRawPayload()
    {
        var view = Render<CallDetailView>(p => p.Add(v => v.Detail, Detail()).Add(v => v.User, Supervisor));

        Assert.Empty(view.FindAll("[data-testid=raw-payload]"));
        Assert.DoesNotContain("Top Secret", view.Markup);
        Assert.DoesNotContain("Raw vendor payload", view.Markup);
    }

    [Fact]
    public void Render_Admin_OffersTheRawPayloadPrettyPrinted()
    {
        var view = Render<CallDetailView>(p => p.Add(v => v.Detail, Detail()).Add(v => v.User, Admin));

        view.Find("[data-testid=raw-payload] .mud-expand-panel-header").Click();

        var json = view.WaitForElement("[data-testid=raw-payload-json]").TextContent;
        Assert.Contains("\"name\": \"Top Secret\"", json);
        Assert.Contains("\n", json);
    }

    [Fact]
    public void Render_Detail_TimesInTheZoneHistoryRecordingsAndMarkedWords()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var view = Render<CallDetailView>(p => p.Add(v => v.Detail, Detail()).Add(v => v.User, Supervisor).Add(v => v.Zone, berlin)
            .Add(v => v.Words, TranscriptText.Words("router")).Add(v => v.NumberHistory, []));

        // 00:30 UTC on the day summer time starts is 01:30 in Berlin (still CET).
        Assert.Equal("2026-03-29 01:30:00", view.Find("[data-testid=call-started]").TextContent);
        Assert.Equal(2, view.FindAll("[data-testid=history-leg]").Count);
        Assert.Contains("Reception", view.Find("[data-testid=call-history]").TextContent);
        Assert.Equal("/calls/42/recordings/7", view.Find("[data-testid=recording-download]").GetAttribute("href"));
        Assert.Equal(["Router", "router"], view.FindAll("[data-testid=call-transcript] mark").Select(m => m.TextContent).OrderBy(t => t, StringComparer.Ordinal));
    }
}
