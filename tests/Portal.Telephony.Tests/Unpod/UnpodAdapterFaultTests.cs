using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Unpod;

/// <summary>Faults change the emulator for everyone: these tests have a sandbox of their own, and run one by one.</summary>
public sealed class UnpodAdapterFaultTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    private List<GeneratedCall> Truth => server.GroundTruth(VendorKind.Unpod).OrderBy(c => c.StartedAtUtc).ToList();

    public void Dispose() => server.ClearFaults(VendorKind.Unpod);

    [Fact]
    public async Task ReadSince_RateLimitStorm_WaitsItOutAndReadsEverything()
    {
        var since = Truth[^10].StartedAtUtc;
        server.Faults.Set(VendorKind.Unpod, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });

        var (calls, skipped, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), since);

        Assert.Equal(0, server.Faults.Get(VendorKind.Unpod).RateLimitNextRequests);
        Assert.Empty(skipped);
        Assert.Equal(Truth.Where(c => c.StartedAtUtc >= since).Select(UnpodExpectations.VendorCallId).Order(StringComparer.Ordinal),
            calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSince_ServerErrorBurst_IsRetried()
    {
        var since = Truth[^10].StartedAtUtc;
        server.Faults.Set(VendorKind.Unpod, new VendorFaults { FailNextRequests = 2 });

        var (calls, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), since);

        Assert.Equal(0, server.Faults.Get(VendorKind.Unpod).FailNextRequests);
        Assert.Equal(Truth.Count(c => c.StartedAtUtc >= since), calls.Count);
    }

    [Fact]
    public async Task ReadSince_MalformedRecords_AreSkippedWithAReasonAndTheRestRead()
    {
        var truth = Truth;
        server.Faults.Set(VendorKind.Unpod, new VendorFaults { MalformedRate = 0.3 });

        var (calls, skipped, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(server), truth[0].StartedAtUtc);

        Assert.NotEmpty(skipped);
        Assert.Equal(truth.Count, calls.Count + skipped.Count);
        Assert.All(skipped, s =>
        {
            Assert.Equal($"creation_time '{UnpodExpectations.MalformedCreationTime}' is not an ISO 8601 time.", s.Reason);
            Assert.Contains(UnpodExpectations.MalformedCreationTime, s.RawPayload, StringComparison.Ordinal);
            Assert.NotNull(s.VendorKey);
        });
        var truthById = truth.ToDictionary(UnpodExpectations.VendorCallId);
        Assert.All(calls, c => UnpodTesting.AssertSameCall(UnpodExpectations.Expected(truthById[c.VendorCallId]), c));
    }

    [Fact]
    public async Task TestConnection_TokensRevoked_ReturnsAuthenticationError()
    {
        server.Faults.Set(VendorKind.Unpod, new VendorFaults { TokensRevoked = true });

        var error = await UnpodTesting.Source(server).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Authentication, error?.Kind);
        Assert.Equal(401, error?.StatusCode);
    }
}
