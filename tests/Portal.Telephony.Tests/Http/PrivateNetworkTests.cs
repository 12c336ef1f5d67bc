using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.Http;

/// <summary>
/// The destination is checked at connect time, after DNS: a name that resolves to loopback is refused in words unless
/// private networks are allowed, without a request reaching the server and without retries.
/// </summary>
public sealed class PrivateNetworkTests : IAsyncLifetime
{
    private LoopbackServer _server = default!;
    private readonly List<string> _attempts = [];

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(context => context.Response.WriteAsJsonAsync(new { success = true, count = 0, records = Array.Empty<object>() }));

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task TestConnectionAsync_HostOnLoopbackAndNotAllowed_IsRefusedInWordsWithoutARequest(string host)
    {
        var error = await Adapter(host, allowPrivateNetworks: false).TestConnectionAsync(CancellationToken.None);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Configuration, error.Kind);
        Assert.Matches($"^{host.Replace(".", "\\.")} resolves to (127\\.0\\.0\\.1|::1), a loopback address; set Portal:Vendors:AllowPrivateNetworks=true to allow it\\.$", error.Message);
        Assert.Empty(_server.Received);
        Assert.Single(_attempts); // refused, not retried
    }

    [Fact]
    public async Task TestConnectionAsync_HostOnLoopbackAndAllowed_Connects()
    {
        var error = await Adapter("localhost", allowPrivateNetworks: true).TestConnectionAsync(CancellationToken.None);

        Assert.Null(error);
        Assert.Single(_server.Received);
    }

    private Capabilities.IVendorAdapter Adapter(string host, bool allowPrivateNetworks)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddSingleton(TimeProvider.System).AddTelephony();
        if (allowPrivateNetworks)
        {
            services.Configure<VendorNetworkOptions>(options => options.AllowPrivateNetworks = true);
        }
        // Inside the retry pipeline: one entry per attempt.
        services.AddHttpClient(WebFonesClient.HttpClientName).AddHttpMessageHandler(() => new AttemptLog(_attempts));
        var provider = services.BuildServiceProvider();
        var baseUrl = new UriBuilder(_server.BaseAddress) { Host = host, Path = "/webfones" }.Uri;
        return provider.GetRequiredService<VendorAdapters>().Create(
            new VendorConnectionSettings(VendorKind.WebFones, baseUrl, new Dictionary<string, string> { [VendorSecrets.ApiKey] = "key" }));
    }

    private sealed class AttemptLog(List<string> attempts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (attempts)
            {
                attempts.Add(request.RequestUri!.Authority);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
