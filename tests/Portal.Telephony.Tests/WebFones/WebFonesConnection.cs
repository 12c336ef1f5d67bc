using Portal.Sandbox.Tests;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>Connection settings for the sandbox's WebFones account.</summary>
internal static class WebFonesConnection
{
    public static VendorConnectionSettings Settings(SandboxServer server, string? apiKey = WebFonesSandbox.ApiKey, string? timeZone = WebFonesSandbox.TimeZone) =>
        new(VendorKind.WebFones,
            server.Url(WebFonesSandbox.BasePath),
            apiKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [VendorSecrets.ApiKey] = apiKey },
            PhoneRegion: WebFonesSandbox.PhoneRegion,
            TimeZone: timeZone);

    public static ICallRecordSource Source(SandboxServer server, string? apiKey = WebFonesSandbox.ApiKey, string? timeZone = WebFonesSandbox.TimeZone) =>
        (ICallRecordSource)server.CreateAdapter(Settings(server, apiKey, timeZone));

    /// <summary>All pages of one read (WebFones answers in one).</summary>
    public static async Task<List<CallPage>> ReadAllAsync(this ICallRecordSource source, DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var pages = new List<CallPage>();
        await foreach (var page in source.ReadSinceAsync(sinceUtc, cancellationToken))
        {
            pages.Add(page);
        }
        return pages;
    }

    /// <summary>Long enough before the sandbox clock's start for the fixture's whole history.</summary>
    public static DateTime BeforeHistory => FixedStartClock.DefaultStart.UtcDateTime.AddDays(-30);
}
