using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

/// <summary>The adapter against the emulator with its client-side limit set to 5 per window and a clock the test moves.</summary>
public sealed class WebFonesClientLimitTests(SandboxServer server) : IClassFixture<SandboxServer>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RequestCounter _sent = new();
    private ServiceProvider _services = default!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddTelephonyForLoopback();
        services.AddSingleton(new WebFonesRequestLimiters(_clock, limit: 5, window: TimeSpan.FromMinutes(15))); // the last registration wins
        // Innermost: counts what really goes over the wire.
        services.AddHttpClient(WebFonesClient.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(_sent));
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReadSinceAsync_PastTheClientLimit_WaitsForTheWindowInsteadOfSending()
    {
        var adapters = _services.GetRequiredService<VendorAdapters>();
        var first = (ICallRecordSource)adapters.Create(WebFonesConnection.Settings(server));
        var second = (ICallRecordSource)adapters.Create(WebFonesConnection.Settings(server)); // same key: same budget
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _services.GetRequiredService<WebFonesRequestLimiters>().For(WebFonesSandbox.ApiKey).Waiting += () => waiting.TrySetResult();

        for (var i = 0; i < 5; i++)
        {
            await (i % 2 == 0 ? first : second).ReadAllAsync(server.Clock.UtcNow.AddHours(-1));
        }
        Assert.Equal(5, _sent.Count);

        var sixth = first.ReadAllAsync(server.Clock.UtcNow.AddHours(-1));
        var woke = await Task.WhenAny(waiting.Task, sixth, Task.Delay(TimeSpan.FromSeconds(10))); // the delay only bounds a broken run
        Assert.True(woke == waiting.Task, $"no wait began: sixth {sixth.Status} {sixth.Exception?.InnerException}, sent {_sent.Count}");
        Assert.False(sixth.IsCompleted);
        Assert.Equal(5, _sent.Count);

        _clock.Advance(TimeSpan.FromMinutes(15));
        await sixth.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6, _sent.Count);
    }

    [Fact]
    public async Task ReadSinceAsync_OtherKeyWhileOneIsExhausted_IsNotHeldBack()
    {
        var adapters = _services.GetRequiredService<VendorAdapters>();
        var exhausted = (ICallRecordSource)adapters.Create(WebFonesConnection.Settings(server));
        for (var i = 0; i < 5; i++)
        {
            await exhausted.ReadAllAsync(server.Clock.UtcNow.AddHours(-1));
        }

        var other = adapters.Create(WebFonesConnection.Settings(server, apiKey: "another-key"));
        var error = await other.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(VendorErrorKind.Authentication, error?.Kind); // it reached WebFones, which refused the key
        Assert.Equal(6, _sent.Count);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private sealed class RequestCounter
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
