using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.Telephony.Http;
using Portal.Web.Hosting;

namespace Portal.Web.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Every meter and activity source of the portal is named "Portal.&lt;Part&gt;".</summary>
    public const string PortalSources = "Portal.*";

    /// <summary>The standard OpenTelemetry variable: when set, traces and metrics go there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry: the portal's meters and sources, ASP.NET Core (requests, Blazor circuits), HttpClient (vendor calls)
    /// and database instrumentation; exported over OTLP when <see cref="OtlpEndpointVariable"/> is set, scraped by
    /// Prometheus on its own port when Telemetry:Prometheus is enabled, nowhere otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddPortalTelemetry(this IHostApplicationBuilder builder)
    {
        var options = ValidatedOptions.Get(builder.Configuration, TelemetryOptions.Section, new TelemetryOptionsValidator(builder.Configuration));
        builder.Services.AddSingleton(options);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("portal", serviceVersion: VendorHttp.UserAgent.Split('/')[1]).AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics
                .AddMeter(PortalSources)
                .AddMeter("System.Runtime")
                // Requests, Kestrel, authentication and Blazor (aspnetcore.components.circuit.active among them), but not the
                // per-component render timings: a series per component type, for profiling rather than watching.
                .AddAspNetCoreInstrumentation()
                .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.Components.Lifecycle" ? MetricStreamConfiguration.Drop : null)
                .AddHttpClientInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(PortalSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => IsTraced(context.Request.Path))
                // Query values are recorded as "Redacted" (the instrumentation's default): a vendor URL's query never reaches a span.
                .AddHttpClientInstrumentation()
                // SQLite through EF Core; PostgreSQL through Npgsql itself, which sees every command (not twice).
                .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider != "Npgsql.EntityFrameworkCore.PostgreSQL")
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }
        if (options.Prometheus.Enabled)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
            builder.Services.AddSingleton<PrometheusScrapeServer>();
            builder.Services.AddHostedService(services => services.GetRequiredService<PrometheusScrapeServer>());
        }
        return builder;
    }

    private static readonly string[] UntracedPaths = ["/health", "/_framework", "/_content", "/_blazor", "/lib", "/css", "/js", PrometheusScrapeServer.Path];
    private static readonly string[] StaticFileExtensions = [".css", ".js", ".mjs", ".map", ".png", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".webmanifest"];

    /// <summary>Requests worth a trace: not health probes, the Blazor hub or static files.</summary>
    internal static bool IsTraced(PathString path) =>
        !UntracedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && !StaticFileExtensions.Contains(System.IO.Path.GetExtension(path.Value), StringComparer.OrdinalIgnoreCase);
}
