using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.NfonCallHistory;

namespace Portal.Telephony.Tests.NfonCallHistory;

internal static class NfonTestSupport
{
    public const VendorKind Vendor = VendorKind.NfonCallHistory;

    /// <summary>Fast reconnects for tests (the production default starts at one second).</summary>
    public static readonly NfonStreamTuning FastStream = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    public static Uri BaseUrl(SandboxServer server) => server.Url(NfonCallHistorySandbox.BasePath);

    public static Uri TokenUrl(SandboxServer server) => server.Url(NfonCallHistorySandbox.TokenPath);

    public static VendorConnectionSettings StaticSettings(SandboxServer server, string token = NfonCallHistorySandbox.StaticAccessToken) =>
        new(Vendor, BaseUrl(server), new Dictionary<string, string> { [VendorSecrets.AccessToken] = token }, "DE", "Europe/Berlin");

    public static VendorConnectionSettings OAuthSettings(SandboxServer server, string refreshToken, string clientId = NfonCallHistorySandbox.ClientId) =>
        new(Vendor, BaseUrl(server), new Dictionary<string, string>
        {
            [VendorSecrets.RefreshToken] = refreshToken,
            [VendorSecrets.TokenUrl] = TokenUrl(server).AbsoluteUri,
            [VendorSecrets.ClientId] = clientId,
        }, "DE", "Europe/Berlin");

    public static NfonCallHistoryAdapter Adapter(SandboxServer server, VendorConnectionSettings? settings = null)
    {
        var adapter = (NfonCallHistoryAdapter)server.CreateAdapter(settings ?? StaticSettings(server));
        adapter.StreamTuning = FastStream;
        return adapter;
    }

    public static SandboxCallLog Log(SandboxServer server) => server.Traffic.Log(Vendor);

    public static async Task<List<CallPage>> ReadAllPagesAsync(ICallRecordSource source, DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var pages = new List<CallPage>();
        await foreach (var page in source.ReadSinceAsync(sinceUtc, cancellationToken))
        {
            pages.Add(page);
        }
        return pages;
    }

    /// <summary>Calls of days after the sandbox clock's start: not yet in the log, for tests that publish "new" calls.</summary>
    public static IEnumerable<GeneratedCall> FutureCalls(SandboxServer server, int daysAhead = 3) =>
        Enumerable.Range(daysAhead, 30)
            .SelectMany(d => Log(server).Generator.CallsOfDay(DateOnly.FromDateTime(server.Clock.Start.UtcDateTime).AddDays(d)))
            .Where(c => Log(server).Find(c.Id) is null);

    public static string LastSequence(SandboxServer server) =>
        Log(server).Current().Select(p => p.Sequence).DefaultIfEmpty(-1).Max().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"Login with NFON" as the portal will do it: authorize with PKCE S256, then redeem the code; returns the token response.</summary>
    public static async Task<JsonElement> SignInAsync(SandboxServer server)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        const string redirectUri = "http://127.0.0.1/connections/nfon/callback";
        var authorize = QueryHelpers.AddQueryString(server.Url(NfonCallHistorySandbox.AuthorizePath).AbsoluteUri, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = NfonCallHistorySandbox.ClientId,
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "xyz",
        });
        using var redirect = await client.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var query = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query);
        Assert.Equal("xyz", query["state"]);

        using var token = await client.PostAsync(TokenUrl(server), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"]!,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = NfonCallHistorySandbox.ClientId,
            ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asserts that an adapter's call is what the ground truth says it must be.</summary>
    public static void AssertMatches(NormalizedCall expected, NormalizedCall actual)
    {
        Assert.Equal(expected.VendorCallId, actual.VendorCallId);
        Assert.Equal(expected.Direction, actual.Direction);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.VendorStatus, actual.VendorStatus);
        Assert.Equal(expected.StartedAtUtc, actual.StartedAtUtc);
        Assert.Equal(DateTimeKind.Utc, actual.StartedAtUtc.Kind);
        Assert.Null(actual.AnsweredAtUtc);
        Assert.Null(actual.EndedAtUtc);
        Assert.Null(actual.RingSeconds);
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds);
        Assert.Equal(expected.Extension, actual.Extension);
        Assert.Equal(expected.ExtensionName, actual.ExtensionName);
        Assert.Equal(expected.ExternalNumber, actual.ExternalNumber);
        Assert.Equal(expected.ExternalNumberOriginal, actual.ExternalNumberOriginal);
        Assert.Equal(expected.ExternalName, actual.ExternalName);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.VendorUpdatedAtUtc, actual.VendorUpdatedAtUtc);
        Assert.Empty(actual.Recordings);
        if (expected.Transcript is null)
        {
            Assert.Null(actual.Transcript);
        }
        else
        {
            Assert.NotNull(actual.Transcript);
            Assert.Equal(expected.Transcript.Summary, actual.Transcript.Summary);
            Assert.Equal(expected.Transcript.Lines.Count, actual.Transcript.Lines.Count);
            foreach (var (want, got) in expected.Transcript.Lines.Zip(actual.Transcript.Lines))
            {
                Assert.Equal(want.Speaker, got.Speaker);
                Assert.Equal(want.Text, got.Text);
                Assert.Equal(want.OffsetSeconds, got.OffsetSeconds, 0.001);
            }
        }
        using var raw = JsonDocument.Parse(actual.RawPayload);
        Assert.Equal(expected.VendorCallId, raw.RootElement.GetProperty("uuid").GetString());
    }
}
