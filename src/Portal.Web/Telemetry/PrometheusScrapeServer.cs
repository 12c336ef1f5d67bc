using System.Net;
using System.Net.Sockets;
using OpenTelemetry.Metrics;

namespace Portal.Web.Telemetry;

/// <summary>
/// <c>/metrics</c> on its own port: a second, minimal web server inside the process (no configuration of its own, no
/// sign-in) that serves the Prometheus exporter of the portal's meter provider and answers 404 to anything else. The
/// portal's own port never serves it, whatever its endpoints are.
/// </summary>
public sealed class PrometheusScrapeServer(MeterProvider meters, TelemetryOptions options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private WebApplication? _app;

    /// <summary>Where it listens once started (the actual port when 0 was asked for).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls($"http://{Host(options.Prometheus.Host)}:{options.Prometheus.Port}");
        builder.Services.AddSingleton(loggers);
        _app = builder.Build();
        _app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, Path, configureBranchedPipeline: null, optionsName: null);
        _app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _app.StartAsync(cancellationToken);
        var bound = _app.Urls.First();
        Address = new Uri(bound.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        loggers.CreateLogger<PrometheusScrapeServer>().LogInformation("Prometheus metrics are served at {Address}", new Uri(Address, Path));
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static string Host(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : host;
}
