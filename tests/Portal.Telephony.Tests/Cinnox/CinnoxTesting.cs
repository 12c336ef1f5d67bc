using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Telephony.Calls;
using Portal.Telephony.Cinnox;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Cinnox;

/// <summary>Settings and adapters for the CINNOX emulator of a <see cref="SandboxServer"/>.</summary>
internal static class CinnoxTesting
{
    public static VendorConnectionSettings Settings(SandboxServer server, string appId = CinnoxSandbox.AppId, string token = CinnoxSandbox.AppToken) =>
        new(VendorKind.Cinnox, server.Url(CinnoxSandbox.BasePath),
            new Dictionary<string, string> { [VendorSecrets.AppId] = appId, [VendorSecrets.AppToken] = token },
            PhoneRegion: "DE");

    /// <summary>An adapter with a page size of its own (the portal always uses 500).</summary>
    public static CinnoxAdapter Adapter(SandboxServer server, int pageSize, TimeSpan? window = null) =>
        server.Adapters.GetServices<IVendorAdapterFactory>().OfType<CinnoxAdapterFactory>().Single()
            .Create(Settings(server), new CinnoxReadOptions(pageSize, window ?? TimeSpan.FromDays(1)));

    public static async Task<(List<NormalizedCall> Calls, List<SkippedRecord> Skipped, List<CallPage> Pages)> ReadAllAsync(
        Capabilities.ICallRecordSource source, DateTime sinceUtc)
    {
        var pages = new List<CallPage>();
        await foreach (var page in source.ReadSinceAsync(sinceUtc, CancellationToken.None))
        {
            pages.Add(page);
        }
        return (pages.SelectMany(p => p.Calls).ToList(), pages.SelectMany(p => p.Skipped).ToList(), pages);
    }

    /// <summary>Every field the adapter maps, compared with what the ground truth says it must be.</summary>
    public static void AssertSameCall(NormalizedCall expected, NormalizedCall actual)
    {
        Assert.Equal(expected.VendorCallId, actual.VendorCallId);
        Assert.Equal(expected.Direction, actual.Direction);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.VendorStatus, actual.VendorStatus);
        Assert.Equal(expected.StartedAtUtc, actual.StartedAtUtc);
        Assert.Equal(DateTimeKind.Utc, actual.StartedAtUtc.Kind);
        Assert.Equal(expected.AnsweredAtUtc, actual.AnsweredAtUtc);
        Assert.Equal(expected.EndedAtUtc, actual.EndedAtUtc);
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds);
        Assert.Equal(expected.RingSeconds, actual.RingSeconds);
        Assert.Equal(expected.Extension, actual.Extension);
        Assert.Equal(expected.ExtensionName, actual.ExtensionName);
        Assert.Equal(expected.ExternalNumber, actual.ExternalNumber);
        Assert.Equal(expected.ExternalNumberOriginal, actual.ExternalNumberOriginal);
        Assert.Equal(expected.ExternalName, actual.ExternalName);
        Assert.Equal(expected.EndReason, actual.EndReason);
        Assert.Null(actual.Transcript);
        Assert.Equal(expected.Recordings.Count, actual.Recordings.Count);
        foreach (var (want, got) in expected.Recordings.Zip(actual.Recordings))
        {
            Assert.Equal(want with { DownloadUrl = null }, got with { DownloadUrl = null });
            Assert.EndsWith(want.DownloadUrl!, got.DownloadUrl, StringComparison.Ordinal);
        }
        using var raw = System.Text.Json.JsonDocument.Parse(actual.RawPayload);
        Assert.Equal(expected.VendorCallId, raw.RootElement.GetProperty("id").GetString());
    }
}
