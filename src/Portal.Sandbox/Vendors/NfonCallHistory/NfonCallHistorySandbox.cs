using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// The fixed facts of the NFON Call History emulator: where it lives, its sandbox credentials, and the choices
/// it makes where the vendor's contract is silent (all in one place).
/// </summary>
public static class NfonCallHistorySandbox
{
    /// <summary>Base path; the API is <c>{BasePath}/records</c> (the vendor's is https://api.nfon.com/call-history).</summary>
    public const string BasePath = "/nfon-call-history";

    /// <summary>A static bearer token the emulator always accepts (a customer-level token: no <c>customer</c> needed).</summary>
    public const string StaticAccessToken = "sandbox-nfon-token";

    /// <summary>The only OAuth client ("Login with NFON", authorization code + PKCE S256, public client).</summary>
    public const string ClientId = "portal";

    public const string AuthorizePath = BasePath + "/oauth/authorize";
    public const string TokenPath = BasePath + "/oauth/token";

    /// <summary>Signs the emulator's JWTs (access and refresh tokens). A sandbox constant, never a real secret.</summary>
    internal const string TokenSigningKey = "portal-sandbox-nfon-call-history-signing-key";

    /// <summary>Lifetime of access tokens issued by the token endpoint (the vendor does not document one).</summary>
    public static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long after a call ends its transcript becomes ready (the record is then re-sent on the stream).</summary>
    public static readonly TimeSpan TranscriptDelay = TimeSpan.FromSeconds(6);

    /// <summary>Largest <c>limit</c> the emulator accepts (the vendor documents none); <c>limit=0</c> means no limit.</summary>
    public const int MaxLimit = 1000;

    /// <summary>What a malformed record carries in <c>created</c> (FaultRegistry.ShouldMalform).</summary>
    public const string MalformedCreated = "malformed-by-sandbox";

    public const string TrunkCode = "07";

    /// <summary>The K-number of the sandbox company (record.customer, contexts of internal parties).</summary>
    public static string Customer => SandboxCompany.Tenant;

    public static TrafficProfile Profile { get; } = new(
        VendorKind.NfonCallHistory,
        TimeZone: "Europe/Berlin",
        ExternalRegion: "DE",
        InternalCalls: true,
        Diversions: true,
        Transcripts: true);

    /// <summary>When the transcript of <paramref name="call"/> is ready (the record's <c>updated</c>).</summary>
    public static DateTime TranscriptReadyAtUtc(GeneratedCall call) => call.EndedAtUtc + TranscriptDelay;

    /// <summary>
    /// Whether this publication carries the finished transcript: it does when it was published at least
    /// <see cref="TranscriptDelay"/> after the call ended. A call published right as it ends goes out with
    /// <c>transcription.available=false</c> and is re-published once ready (<see cref="NfonTranscriptPublisher"/>).
    /// </summary>
    public static bool IsTranscriptReady(PublishedCall published) =>
        published.Call.Transcript is not null && published.PublishedAtUtc >= TranscriptReadyAtUtc(published.Call);
}
