using System.Net;
using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Telemetry;

/// <summary>An enabled scrape endpoint needs its own port and an address to listen on; an OTLP endpoint must be a URL.</summary>
public sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    private const string Prefix = TelemetryOptions.Section + ":Prometheus:";

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) => SettingRules.Result(
        options.Prometheus is { Enabled: true, Port: null }
            ? $"{Prefix}Enabled is true but {Prefix}Port is empty: set the port /metrics is served on, e.g. 9464 (never the portal's own port: Prometheus cannot sign in)."
            : null,
        options.Prometheus.Port is < 0 or > 65535 ? $"{Prefix}Port is {options.Prometheus.Port}; allowed: from 1 to 65535." : null,
        options.Prometheus.Host is "*" or "localhost" || IPAddress.TryParse(options.Prometheus.Host, out _) ? null
            : $"{Prefix}Host is '{options.Prometheus.Host}', not *, localhost or an IP address.",
        SettingRules.AbsoluteUrl(TelemetryServiceCollectionExtensions.OtlpEndpointVariable,
            configuration[TelemetryServiceCollectionExtensions.OtlpEndpointVariable], allowHttp: true, example: "http://collector:4317"));
}
