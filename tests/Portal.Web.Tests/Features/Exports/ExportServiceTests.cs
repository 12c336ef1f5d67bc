using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Reporting;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>The export service below the endpoints: refusals, and the audit entry of an export that stops midway.</summary>
public class ExportServiceTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    private static readonly PortalUser Supervisor = new("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);
    private static readonly PortalUser Guest = new("dev-guest", "Gale Guest", [], []);

    private ExportService Exports => portal.App.Services.GetRequiredService<ExportService>();

    [Fact]
    public async Task WriteCalls_UserWithoutRole_IsRefusedBeforeWritingAnything()
    {
        var output = new MemoryStream();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Exports.WriteCallsAsync(Guest, new CallFilter(), new ExportHeading("Calls", [], "Gale Guest", DateTime.UtcNow), "", TimeZoneInfo.Utc,
                "calls.xlsx", output));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Exports.CallsHeadingAsync(Guest, new CallFilter(), [], TimeZoneInfo.Utc));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Exports.CountCallsAsync(Guest, new CallFilter(), TimeZoneInfo.Utc));

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task WriteCalls_ClientGoneMidway_AuditsTheRowsReadAndRethrows()
    {
        var (filter, _) = CallFilterQuery.Parse(ExportPortal.Range, DateRangeLimits.Today(TimeProvider.System));
        var heading = await Exports.CallsHeadingAsync(Supervisor, filter, [], ExportPortal.Berlin);

        await Assert.ThrowsAsync<IOException>(() =>
            Exports.WriteCallsAsync(Supervisor, filter, heading, "gone-midway", ExportPortal.Berlin, "calls-gone.xlsx", new ClosedConnection()));

        var contexts = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Filter == "gone-midway");
        Assert.Equal((ExportService.CallsAction, "calls-gone.xlsx", "dev-supervisor"), (entry.Action, entry.Target, entry.UserId));
        Assert.StartsWith($"Stopped after {entry.RowCount} calls had been read: the download was cancelled or the connection closed", entry.Details);
    }

    [Fact]
    public async Task Write_BothExportsCompleted_MeterTheirRowsAndDurationByKind()
    {
        var meters = portal.App.Services.GetRequiredService<IMeterFactory>();
        using var rows = new MetricCollector<long>(meters, ExportMetrics.Name, "portal.export.rows");
        using var durations = new MetricCollector<double>(meters, ExportMetrics.Name, "portal.export.duration");
        var (filter, _) = CallFilterQuery.Parse(ExportPortal.Range, DateRangeLimits.Today(TimeProvider.System));
        var heading = await Exports.CallsHeadingAsync(Supervisor, filter, [], ExportPortal.Berlin);

        var calls = await Exports.WriteCallsAsync(Supervisor, filter, heading, "metered", ExportPortal.Berlin, "calls.xlsx", new MemoryStream());
        var report = await Exports.WriteDashboardReportAsync(Supervisor, filter.Dashboard, [], "metered", ExportPortal.Berlin, "report.xlsx", new MemoryStream());

        Assert.Equal([(ExportMetrics.Calls, (long)calls.Rows), (ExportMetrics.DashboardReport, report.DataRows)],
            rows.GetMeasurementSnapshot().Select(m => ((string)m.Tags[ExportMetrics.KindTag]!, m.Value)));
        Assert.Equal(portal.InRange.Count, calls.Rows);
        Assert.Equal([ExportMetrics.Calls, ExportMetrics.DashboardReport], durations.GetMeasurementSnapshot().Select(m => (string)m.Tags[ExportMetrics.KindTag]!));
        Assert.All(durations.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    /// <summary>A response whose client has gone: every write fails.</summary>
    private sealed class ClosedConnection : Stream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("The client closed the connection."));
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("The client closed the connection.");
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
