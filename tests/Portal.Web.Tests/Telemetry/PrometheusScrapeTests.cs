using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Telemetry;
using Portal.Web.Tests.Features.Sync;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Telemetry;

/// <summary>/metrics: off by default, never on the portal's port, served on its own port when enabled.</summary>
public class PrometheusScrapeTests
{
    [Fact]
    public async Task Metrics_ByDefault_NotServedAnywhere()
    {
        using var portal = new PortalAppFactory();

        await AssertNotOnThePortalPortAsync(portal);
        Assert.Null(portal.Services.GetService<PrometheusScrapeServer>());
    }

    [Fact]
    public async Task Metrics_EnabledOnItsOwnPort_ServedThereWithThePortalMetricsAndRefusedOnThePortalPort()
    {
        using var portal = PortalAppFactory.With(new()
        {
            ["Telemetry:Prometheus:Enabled"] = "true",
            ["Telemetry:Prometheus:Port"] = "0",
            ["Telemetry:Prometheus:Host"] = "127.0.0.1",
            ["Portal:Vendors:AllowPrivateNetworks"] = "true", // the portal's own sandbox, on loopback
        });
        var id = await SyncEnvironment.AddConnectionAsync(portal, VendorKind.Unpod, portal.BaseAddress);
        await WaitForSuccessAsync(portal, id);
        using var http = new HttpClient();

        await AssertNotOnThePortalPortAsync(portal);
        var scrapeAddress = portal.Services.GetRequiredService<PrometheusScrapeServer>().Address!;
        var scrape = await http.GetAsync(new Uri(scrapeAddress, "/metrics"));
        var elsewhere = await http.GetAsync(new Uri(scrapeAddress, "/"));

        Assert.NotEqual(portal.BaseAddress.Port, scrapeAddress.Port);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains($"portal_sync_records_ingested_total{{", text);
        Assert.Contains($"portal_connection_id=\"{id}\"", text);
        Assert.Contains("portal_vendor=\"Unpod\"", text);
        Assert.Contains("portal_vendor_requests_total{", text);
        Assert.Contains("portal_sync_page_duration_seconds_bucket{", text);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode); // the scrape port serves nothing of the portal
    }

    /// <summary>An anonymous scrape is sent to sign in; a signed-in administrator finds nothing there either.</summary>
    private static async Task AssertNotOnThePortalPortAsync(PortalAppFactory portal)
    {
        using var anonymous = portal.CreatePortalClient();
        var refused = await anonymous.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.DoesNotContain("portal_", await refused.Content.ReadAsStringAsync());

        using var admin = portal.CreatePortalClient();
        await admin.SignInAsync("admin", "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public void Start_PrometheusEnabledWithoutPort_IsRefusedNamingThePort()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("Telemetry:Prometheus:Enabled", "true")));

        Assert.Contains("Telemetry:Prometheus:Port is empty", refusal.Message);
    }

    [Fact]
    public void Start_OtlpEndpointNotAUrl_IsRefusedNamingTheVariable()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT is 'collector:4317', not an absolute http or https URL", refusal.Message);
    }
}
