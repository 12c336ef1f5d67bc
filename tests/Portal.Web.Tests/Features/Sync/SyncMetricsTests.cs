using Portal.Web.Vendors;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;
using Portal.Telephony.Http;
using Portal.Web.Features.Sync;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Features.Sync;

/// <summary>The meters of a real sync against the sandbox, read with collectors scoped to the portal's own meter factory.</summary>
public class SyncMetricsTests
{
    [Fact]
    public async Task Sync_Through429Storm_MetersTheStoredRecordsAndEvery429()
    {
        const int storm = 3;
        await using var sandbox = await SyncEnvironment.StartAsync();
        sandbox.Faults.Set(VendorKind.WebFones, new VendorFaults { RateLimitNextRequests = storm, RetryAfterSeconds = 0 });
        using var portal = sandbox.StartPortal();
        var meters = portal.Services.GetRequiredService<IMeterFactory>();
        using var ingested = new MetricCollector<long>(meters, SyncMetrics.Name, SyncMetrics.RecordsIngestedInstrument);
        using var lag = new MetricCollector<double>(meters, SyncMetrics.Name, SyncMetrics.LagInstrument);
        using var requests = new MetricCollector<long>(meters, VendorMetrics.MeterName, VendorMetrics.RequestsInstrument);
        using var budget = new MetricCollector<int>(meters, VendorMetrics.MeterName, VendorMetrics.RateBudgetInstrument);

        var id = await sandbox.AddConnectionAsync(portal, VendorKind.WebFones);
        await WaitForSuccessAsync(portal, id);

        var stored = (await StoredCallsAsync(portal, id)).Count;
        Assert.True(stored > 0, "the sync stored calls");
        Assert.Equal(stored, ingested.GetMeasurementSnapshot().Where(m => OfConnection(m.Tags, id)).Sum(m => m.Value));

        var webFones = requests.GetMeasurementSnapshot().Where(m => Equals(m.Tags[VendorMetrics.VendorTag], nameof(VendorKind.WebFones))).ToList();
        Assert.True(webFones.Count(m => Equals(m.Tags.GetValueOrDefault(VendorMetrics.StatusCodeTag), 429)) >= storm, "every 429 of the storm is counted");
        Assert.Contains(webFones, m => Equals(m.Tags.GetValueOrDefault(VendorMetrics.StatusCodeTag), 200));

        budget.RecordObservableInstruments();
        var left = Assert.Single(budget.GetMeasurementSnapshot()).Value;
        Assert.InRange(left, 0, 900 - storm - 1); // the portal's 900 per window, less every attempt it sent

        await using var db = await DbAsync(portal);
        var watermark = await db.SyncCursors.Where(c => c.ConnectionId == id && c.Stream == SyncStreams.Records).Select(c => c.WatermarkUtc!.Value).SingleAsync();
        var before = sandbox.Clock.GetUtcNow().UtcDateTime;
        lag.RecordObservableInstruments();
        var after = sandbox.Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(Assert.Single(lag.GetMeasurementSnapshot(), m => OfConnection(m.Tags, id)).Value,
            (before - watermark).TotalSeconds, (after - watermark).TotalSeconds); // now minus the records cursor
    }

    private static bool OfConnection(IReadOnlyDictionary<string, object?> tags, int connectionId) =>
        Equals(tags.GetValueOrDefault(SyncMetrics.ConnectionTag), connectionId)
        && Equals(tags.GetValueOrDefault(SyncMetrics.VendorTag), nameof(VendorKind.WebFones));
}
