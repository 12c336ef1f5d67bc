using Portal.Web.Vendors;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Features.Sync;

/// <summary>
/// What the sync engine does, as metrics (meter <see cref="Name"/>) and traces (activity source <see cref="Name"/>):
/// records per connection, pages and how long they take to store, and how far each connection lags behind.
/// Tag names follow the OpenTelemetry semantic conventions; the README lists every instrument.
/// </summary>
public sealed class SyncMetrics
{
    public const string Name = "Portal.Sync";
    public const string ConnectionTag = "portal.connection.id";
    public const string VendorTag = "portal.vendor";
    public const string RecordsIngestedInstrument = "portal.sync.records.ingested";
    public const string LagInstrument = "portal.sync.lag";

    private static readonly ActivitySource Source = new(Name);
    private static readonly double[] PageSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly IDbContextFactory<PortalDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger<SyncMetrics> _logger;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _updated;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _unknown;
    private readonly Counter<long> _pages;
    private readonly Histogram<double> _pageDuration;

    public SyncMetrics(IMeterFactory meters, IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<SyncMetrics> logger)
    {
        _contexts = contexts;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(Name);
        _ingested = meter.CreateCounter<long>(RecordsIngestedInstrument, "{record}", "Vendor records stored as new calls.");
        _updated = meter.CreateCounter<long>("portal.sync.records.updated", "{record}", "Vendor records stored again over an earlier copy (re-read or changed).");
        _skipped = meter.CreateCounter<long>("portal.sync.records.skipped", "{record}", "Vendor records that could not be stored (kept as skipped records with the reason).");
        _unknown = meter.CreateCounter<long>("portal.sync.records.unknown", "{record}", "New calls with a vendor value the portal does not know (outcome Unknown).");
        _pages = meter.CreateCounter<long>("portal.sync.pages", "{page}", "Pages of vendor records stored, each in one transaction.");
        _pageDuration = meter.CreateHistogram("portal.sync.page.duration", "s", "How long storing one page took (the ingest transaction).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PageSeconds });
        meter.CreateObservableGauge(LagInstrument, ObserveLag, "s",
            "How far a connection's stored records lag behind: now minus its records cursor (the time up to which everything is stored).");
    }

    /// <summary>A span over one pass of reading a connection's records: the vendor requests and the pages nest under it.</summary>
    public static Activity? StartPass(int connectionId, VendorKind vendor) =>
        Source.StartActivity("sync records")?.SetTag(ConnectionTag, connectionId).SetTag(VendorTag, vendor.ToString());

    /// <summary>Stores one page (<paramref name="ingest"/>) inside a span, and counts it.</summary>
    public async Task<IngestResult> IngestPageAsync(int connectionId, VendorKind vendor, int records, Func<Task<IngestResult>> ingest)
    {
        using var activity = Source.StartActivity("sync page")?.SetTag(ConnectionTag, connectionId).SetTag(VendorTag, vendor.ToString())
            .SetTag("portal.sync.records", records);
        var started = _clock.GetTimestamp();
        IngestResult result;
        try
        {
            result = await ingest();
        }
        catch (Exception ex)
        {
            activity?.AddException(ex).SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        var tags = new TagList { { ConnectionTag, connectionId }, { VendorTag, vendor.ToString() } };
        _pageDuration.Record(_clock.GetElapsedTime(started).TotalSeconds, tags);
        _pages.Add(1, tags);
        _ingested.Add(result.Inserted, tags);
        _updated.Add(result.Updated, tags);
        _skipped.Add(result.NewlySkipped, tags);
        _unknown.Add(result.InsertedUnknown, tags);
        activity?.SetTag("portal.sync.records.ingested", result.Inserted).SetTag("portal.sync.records.updated", result.Updated)
            .SetTag("portal.sync.records.skipped", result.NewlySkipped);
        return result;
    }

    // One query per collection: the records cursor of every connection.
    private IEnumerable<Measurement<double>> ObserveLag()
    {
        try
        {
            using var db = _contexts.CreateDbContext();
            var cursors = db.SyncCursors.AsNoTracking()
                .Where(c => c.Stream == SyncStreams.Records && c.WatermarkUtc != null)
                .Join(db.Connections, c => c.ConnectionId, k => k.Id, (c, k) => new { k.Id, k.Vendor, Watermark = c.WatermarkUtc!.Value })
                .ToList();
            var now = _clock.GetUtcNow().UtcDateTime;
            return cursors.Select(c => new Measurement<double>(Math.Max(0, (now - c.Watermark).TotalSeconds),
                new(ConnectionTag, c.Id), new(VendorTag, c.Vendor.ToString())));
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "The sync lag could not be read");
            return [];
        }
    }
}
