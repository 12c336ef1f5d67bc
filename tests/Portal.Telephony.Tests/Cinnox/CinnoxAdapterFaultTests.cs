using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Cinnox;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Cinnox;

/// <summary>Faults change the emulator for everyone: these tests have a sandbox of their own, and run one by one.</summary>
public sealed class CinnoxAdapterFaultTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    private List<GeneratedCall> Truth => server.GroundTruth(VendorKind.Cinnox).OrderBy(c => c.StartedAtUtc).ToList();

    private ICallRecordSource Source => Assert.IsAssignableFrom<ICallRecordSource>(server.CreateAdapter(CinnoxTesting.Settings(server)));

    public void Dispose() => server.ClearFaults(VendorKind.Cinnox);

    [Fact]
    public async Task ReadSince_RateLimitStorm_WaitsItOutAndReadsEverything()
    {
        var truth = Truth;
        var since = truth[^10].StartedAtUtc;
        server.Faults.Set(VendorKind.Cinnox, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });

        var (calls, skipped, _) = await CinnoxTesting.ReadAllAsync(Source, since);

        Assert.Equal(0, server.Faults.Get(VendorKind.Cinnox).RateLimitNextRequests);
        Assert.Empty(skipped);
        Assert.Equal(truth.Where(c => c.StartedAtUtc >= since).Select(CinnoxExpectations.RecordId).Order(StringComparer.Ordinal),
            calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadSince_ServerErrorBurst_IsRetried()
    {
        var truth = Truth;
        var since = truth[^10].StartedAtUtc;
        server.Faults.Set(VendorKind.Cinnox, new VendorFaults { FailNextRequests = 2 });

        var (calls, _, _) = await CinnoxTesting.ReadAllAsync(Source, since);

        Assert.Equal(0, server.Faults.Get(VendorKind.Cinnox).FailNextRequests);
        Assert.Equal(truth.Count(c => c.StartedAtUtc >= since), calls.Count);
    }

    [Fact]
    public async Task ReadSince_MalformedRecords_AreSkippedWithAReasonAndTheRestRead()
    {
        var truth = Truth;
        server.Faults.Set(VendorKind.Cinnox, new VendorFaults { MalformedRate = 0.3 });

        var (calls, skipped, _) = await CinnoxTesting.ReadAllAsync(Source, truth[0].StartedAtUtc);

        Assert.NotEmpty(skipped);
        Assert.NotEmpty(calls);
        var truthById = truth.ToDictionary(CinnoxExpectations.RecordId);
        Assert.Equal(truthById.Keys.Order(StringComparer.Ordinal), calls.Select(c => c.VendorCallId).Concat(skipped.Select(s => s.VendorKey!)).Order(StringComparer.Ordinal));
        Assert.All(skipped, s =>
        {
            Assert.Contains($"callDate '{CinnoxExpectations.MalformedCallDate}'", s.Reason, StringComparison.Ordinal);
            Assert.Contains(CinnoxExpectations.MalformedCallDate, s.RawPayload, StringComparison.Ordinal);
        });
        Assert.All(calls, c => CinnoxTesting.AssertSameCall(CinnoxExpectations.Expected(truthById[c.VendorCallId]), c));
    }

    [Fact]
    public async Task TestConnection_TokensRevoked_ReturnsAuthenticationError()
    {
        server.Faults.Set(VendorKind.Cinnox, new VendorFaults { TokensRevoked = true });

        var error = await Source.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Authentication, error?.Kind);
        Assert.Equal(401, error?.StatusCode);
    }

    [Theory]
    [InlineData("""{"code":6451010,"message":"Too many requests"}""", 6451010L)]
    [InlineData("""{"result":[{"code":1}],"code":0}""", 0L)]
    [InlineData("""[1,2]""", null)]
    [InlineData("""not json""", null)]
    public void TopLevelCode_Body_ReadsOnlyTheTopLevelCode(string body, long? expected)
    {
        Assert.Equal(expected, CinnoxRateLimitCodeHandler.TopLevelCode(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
