namespace Portal.Web.Telemetry;

/// <summary>Telemetry settings (configuration section "Telemetry"). OTLP export takes the standard OTEL_* variables instead.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public PrometheusScrapeOptions Prometheus { get; set; } = new();
}

/// <summary>
/// The Prometheus scrape endpoint <c>/metrics</c>: off unless enabled, and then served only on its own port, never on the
/// portal's (Prometheus cannot sign in, so the endpoint has no sign-in: keep the port off public networks).
/// </summary>
public sealed class PrometheusScrapeOptions
{
    public bool Enabled { get; set; }

    /// <summary>The port <c>/metrics</c> listens on (required when enabled; 0 takes any free port, for tests).</summary>
    public int? Port { get; set; }

    /// <summary>The address to listen on: <c>*</c> (every interface), <c>localhost</c> or an IP address.</summary>
    public string Host { get; set; } = "*";
}
