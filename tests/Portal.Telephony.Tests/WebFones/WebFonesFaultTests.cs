using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>Faults of the emulator (its own sandbox: the faults are per vendor and would disturb other tests).</summary>
public sealed class WebFonesFaultTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    [Fact]
    public async Task ReadSinceAsync_RateLimitStorm_IsWaitedOut()
    {
        server.Faults.Set(VendorKind.WebFones, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });

        var page = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory));

        Assert.Equal(0, server.Faults.Get(VendorKind.WebFones).RateLimitNextRequests);
        Assert.Equal(server.GroundTruth(VendorKind.WebFones).Count, page.Calls.Count);
    }

    [Fact]
    public async Task ReadSinceAsync_RateLimitedBeyondRetries_ThrowsRateLimited()
    {
        server.Faults.Set(VendorKind.WebFones, new VendorFaults { RateLimitNextRequests = 10, RetryAfterSeconds = 1 });

        var ex = await Assert.ThrowsAsync<VendorException>(() => WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory));

        Assert.Equal(VendorErrorKind.RateLimited, ex.Error.Kind);
        Assert.Equal(429, ex.Error.StatusCode);
        Assert.Contains("429 Too Many Requests", ex.Message);
        // One first attempt and four retries, each waiting Retry-After.
        Assert.Equal(5, server.Faults.Get(VendorKind.WebFones).RateLimitNextRequests);
    }

    [Fact]
    public async Task ReadSinceAsync_ServerErrorBurst_IsRetried()
    {
        server.Faults.Set(VendorKind.WebFones, new VendorFaults { FailNextRequests = 2 });

        var page = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory));

        Assert.Equal(0, server.Faults.Get(VendorKind.WebFones).FailNextRequests);
        Assert.Equal(server.GroundTruth(VendorKind.WebFones).Count, page.Calls.Count);
    }

    [Fact]
    public async Task ReadSinceAsync_MalformedRecords_AreSkippedWithReasonAndTheRestRead()
    {
        server.Faults.Set(VendorKind.WebFones, new VendorFaults { MalformedRate = 0.3 });
        var truth = server.GroundTruth(VendorKind.WebFones).Select(c => WebFonesExpectations.For(c)).ToDictionary(e => e.VendorCallId);

        var page = Assert.Single(await WebFonesConnection.Source(server).ReadAllAsync(WebFonesConnection.BeforeHistory));

        Assert.NotEmpty(page.Skipped);
        Assert.NotEmpty(page.Calls);
        Assert.Equal(truth.Count, page.Calls.Count + page.Skipped.Count);
        Assert.All(page.Skipped, skipped =>
        {
            Assert.Contains(skipped.VendorKey!, truth.Keys);
            Assert.Equal($"call_timestamp '{WebFonesRecords.MalformedTimestamp}' is not a time in the form YYYY-MM-DD HH:MM:SS.", skipped.Reason);
            Assert.Contains(WebFonesRecords.MalformedTimestamp, skipped.RawPayload);
        });
        Assert.All(page.Calls, call => Assert.Equal(truth[call.VendorCallId].StartedAtUtc, call.StartedAtUtc));
        Assert.Empty(page.Calls.Select(c => c.VendorCallId).Intersect(page.Skipped.Select(s => s.VendorKey!)));
    }

    [Fact]
    public async Task TestConnectionAsync_KeyRevoked_ReturnsAuthenticationError()
    {
        server.Faults.Set(VendorKind.WebFones, new VendorFaults { TokensRevoked = true });

        var error = await server.CreateAdapter(WebFonesConnection.Settings(server)).TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Authentication, error?.Kind);
        Assert.Equal(403, error?.StatusCode);
    }

    public void Dispose() => server.ClearFaults(VendorKind.WebFones);
}
