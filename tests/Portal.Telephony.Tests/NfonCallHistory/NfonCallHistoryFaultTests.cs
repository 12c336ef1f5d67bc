using System.Diagnostics;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Telephony.Connections;
using static Portal.Telephony.Tests.NfonCallHistory.NfonTestSupport;

namespace Portal.Telephony.Tests.NfonCallHistory;

/// <summary>The emulator's injected trouble: 429 storms, 5xx bursts, malformed records, revoked tokens.</summary>
public sealed class NfonCallHistoryFaultTests(SandboxServer server) : IClassFixture<SandboxServer>, IDisposable
{
    public void Dispose() => server.ClearFaults(Vendor);

    [Fact]
    public async Task ReadSinceAsync_RateLimitStorm_WaitsRetryAfterAndReadsEverything()
    {
        server.Faults.Set(Vendor, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });
        var stopwatch = Stopwatch.StartNew();

        var pages = await ReadAllPagesAsync(Adapter(server), server.Clock.UtcNow.AddDays(-30));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.9), $"Retry-After was not honoured: {stopwatch.Elapsed}");
        Assert.Equal(Log(server).Current().Count, pages.Sum(p => p.Calls.Count));
        Assert.Equal(0, server.Faults.Get(Vendor).RateLimitNextRequests);
    }

    [Fact]
    public async Task ReadSinceAsync_RateLimitedBeyondRetries_ThrowsRateLimited()
    {
        server.Faults.Set(Vendor, new VendorFaults { RateLimitNextRequests = 50, RetryAfterSeconds = 1 });

        var ex = await Assert.ThrowsAsync<VendorException>(() => ReadAllPagesAsync(Adapter(server), server.Clock.UtcNow.AddDays(-30)));

        Assert.Equal(VendorErrorKind.RateLimited, ex.Error.Kind);
        Assert.Equal(429, ex.Error.StatusCode);
        Assert.Contains("slow down", ex.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSinceAsync_ServerErrorBurst_IsRetried()
    {
        server.Faults.Set(Vendor, new VendorFaults { FailNextRequests = 3 });

        var pages = await ReadAllPagesAsync(Adapter(server), server.Clock.UtcNow.AddDays(-30));

        Assert.Equal(Log(server).Current().Count, pages.Sum(p => p.Calls.Count));
        Assert.Equal(0, server.Faults.Get(Vendor).FailNextRequests);
    }

    [Fact]
    public async Task ReadSinceAsync_MalformedRecords_AreSkippedWithReasonAndTheRestRead()
    {
        var truth = Log(server).Current().Select(p => p.Call.Id).ToHashSet();
        server.Faults.Set(Vendor, new VendorFaults { MalformedRate = 0.3 });

        var pages = await ReadAllPagesAsync(Adapter(server), server.Clock.UtcNow.AddDays(-30));

        var calls = pages.SelectMany(p => p.Calls).ToList();
        var skipped = pages.SelectMany(p => p.Skipped).ToList();
        Assert.NotEmpty(skipped);
        Assert.NotEmpty(calls);
        Assert.Equal(truth.Count, calls.Count + skipped.Count);
        Assert.All(skipped, s =>
        {
            Assert.Contains(s.VendorKey!, truth);
            Assert.Contains("created", s.Reason, StringComparison.Ordinal);
            Assert.Contains(NfonCallHistorySandbox.MalformedCreated, s.RawPayload, StringComparison.Ordinal);
        });
        Assert.Equal(truth.Order(), calls.Select(c => c.VendorCallId).Concat(skipped.Select(s => s.VendorKey!)).Order());
    }

    [Fact]
    public async Task TestConnectionAsync_TokensRevoked_ReturnsAuthenticationError()
    {
        server.Faults.Set(Vendor, new VendorFaults { TokensRevoked = true });

        var error = await Adapter(server).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
    }
}
