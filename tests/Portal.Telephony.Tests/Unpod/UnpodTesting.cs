using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Unpod;

namespace Portal.Telephony.Tests.Unpod;

/// <summary>Settings and adapters for the Unpod emulator of a <see cref="SandboxServer"/>.</summary>
internal static class UnpodTesting
{
    public static VendorConnectionSettings Settings(SandboxServer server, string? token = UnpodSandbox.Token, string? orgHandle = UnpodSandbox.OrgHandle)
    {
        var secrets = new Dictionary<string, string>();
        if (token is not null)
        {
            secrets[VendorSecrets.Token] = token;
        }
        if (orgHandle is not null)
        {
            secrets[VendorSecrets.OrgHandle] = orgHandle;
        }
        return new(VendorKind.Unpod, server.Url(UnpodSandbox.BasePath), secrets, PhoneRegion: "DE");
    }

    public static ICallRecordSource Source(SandboxServer server, VendorConnectionSettings? settings = null) =>
        Assert.IsAssignableFrom<ICallRecordSource>(server.CreateAdapter(settings ?? Settings(server)));

    /// <summary>An adapter with a page size of its own (the portal uses 100).</summary>
    public static UnpodAdapter Adapter(SandboxServer server, int pageSize) =>
        server.Adapters.GetServices<IVendorAdapterFactory>().OfType<UnpodAdapterFactory>().Single().Create(Settings(server), pageSize);

    public static async Task<(List<NormalizedCall> Calls, List<SkippedRecord> Skipped, List<CallPage> Pages)> ReadAllAsync(ICallRecordSource source, DateTime sinceUtc)
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
        Assert.Null(actual.ExtensionName);
        Assert.Equal(expected.ExternalNumber, actual.ExternalNumber);
        Assert.Equal(expected.ExternalNumberOriginal, actual.ExternalNumberOriginal);
        Assert.Null(actual.ExternalName);
        Assert.Equal(expected.EndReason, actual.EndReason);
        Assert.Null(actual.Transcript);
        Assert.Empty(actual.Recordings);
        using var raw = System.Text.Json.JsonDocument.Parse(actual.RawPayload);
        Assert.Equal(expected.EndReason, raw.RootElement.GetProperty("end_reason").GetString());
    }
}
