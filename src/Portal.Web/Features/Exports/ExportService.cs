using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Audit;
using Portal.Web.Reporting;
using Portal.Web.Reporting.Spreadsheets;

using Portal.Web.Security;

namespace Portal.Web.Features.Exports;

/// <summary>
/// The two exports, for one user: the records export of a call filter (streamed, <see cref="CallsExport"/>) and the dashboard
/// report (<see cref="DashboardReport"/>). Both read through <see cref="CallSearch"/>/<see cref="DashboardQuery"/>, which refuse
/// anyone but supervisors and administrators and apply team limits; both write an audit entry, also when an export stops midway.
/// </summary>
public sealed class ExportService(CallSearch calls, DashboardQuery dashboards, AuditLog audit, IDbContextFactory<PortalDbContext> contexts,
    ExportMetrics metrics, TimeProvider clock, ILogger<ExportService> logger)
{
    public const string CallsAction = "Export calls";
    public const string DashboardAction = "Export dashboard report";

    /// <summary>How many calls a records export of this filter would hold.</summary>
    public async Task<int> CountCallsAsync(PortalUser user, CallFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await RefuseAsync(user, CallsAction);
        return await calls.CountAsync(user, filter, zone, cancellationToken);
    }

    /// <summary>The first rows of a records export: title, period, filter, zone, when and by whom, team limit, the neutralization rule.</summary>
    public async Task<ExportHeading> CallsHeadingAsync(PortalUser user, CallFilter filter, IReadOnlyList<string> notes, TimeZoneInfo zone,
        CancellationToken cancellationToken = default)
    {
        await RefuseAsync(user, CallsAction);
        var now = clock.GetUtcNow();
        var period = ReportingPeriod.Resolve(filter.Dashboard, zone, now);
        var names = await NamesAsync(cancellationToken);
        var lines = new List<string>
        {
            "Period: " + CallFilterText.Range(filter.Dashboard, period),
            "Filter: " + CallFilterText.Calls(filter, names),
        };
        lines.AddRange(CommonLines(user, notes, zone, now, names));
        return new ExportHeading("Calls", lines, user.Name, now.UtcDateTime);
    }

    /// <summary>
    /// Streams the records export to <paramref name="output"/> and writes the audit entry (action <see cref="CallsAction"/>, the
    /// filter as given, the row count). An export that stops midway (the client went away, the database failed) is audited too,
    /// with the rows read so far and why it stopped, and the exception goes on to the caller.
    /// </summary>
    public async Task<CallsExportResult> WriteCallsAsync(PortalUser user, CallFilter filter, ExportHeading heading, string auditFilter,
        TimeZoneInfo zone, string fileName, Stream output, CancellationToken cancellationToken = default)
    {
        await RefuseAsync(user, CallsAction);
        var started = clock.GetTimestamp();
        var read = 0;
        async IAsyncEnumerable<CallRow> Counted()
        {
            await foreach (var row in calls.StreamAsync(user, filter, zone, cancellationToken))
            {
                read++;
                yield return row;
            }
        }

        CallsExportResult result;
        try
        {
            result = await CallsExport.WriteAsync(output, heading, Counted(), zone, cancellationToken);
        }
        catch (Exception ex)
        {
            var reason = cancellationToken.IsCancellationRequested || ex is OperationCanceledException or IOException
                ? "the download was cancelled or the connection closed"
                : "the export failed: " + ex.GetType().Name;
            await AuditStoppedAsync(user, CallsAction, fileName, auditFilter, read, $"Stopped after {read} calls had been read: {reason}. Times in {zone.Id}.");
            throw;
        }
        metrics.Completed(ExportMetrics.Calls, result.Rows, clock.GetElapsedTime(started));
        var details = $"{result.Bytes:N0} bytes; times in {zone.Id}" + (result.Truncated ? "; stopped at Excel's row limit" : "");
        await audit.WriteAsync(user, CallsAction, fileName, auditFilter, result.Rows, details, CancellationToken.None);
        return result;
    }

    /// <summary>Builds the dashboard report in memory (a small workbook), writes it to <paramref name="output"/> and audits it.</summary>
    public async Task<DashboardReportResult> WriteDashboardReportAsync(PortalUser user, DashboardFilter filter, IReadOnlyList<string> notes,
        string auditFilter, TimeZoneInfo zone, string fileName, Stream output, CancellationToken cancellationToken = default)
    {
        await RefuseAsync(user, DashboardAction);
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var data = await dashboards.LoadWithCallListsAsync(user, filter, zone, cancellationToken);
        var names = await NamesAsync(cancellationToken);
        var lines = new List<string>
        {
            "Period: " + CallFilterText.Range(filter, data.Period),
            "Compared with: " + PreviousPeriod(data.Period),
            "Filter: " + CallFilterText.Dashboard(filter, names),
        };
        lines.AddRange(CommonLines(user, notes, zone, now, names));
        var heading = new ExportHeading("Dashboard report", lines, user.Name, now.UtcDateTime);

        using var buffer = new MemoryStream();
        var written = DashboardReport.Write(buffer, heading, data);
        buffer.Position = 0;
        try
        {
            await buffer.CopyToAsync(output, cancellationToken);
        }
        catch (Exception)
        {
            await AuditStoppedAsync(user, DashboardAction, fileName, auditFilter, written.DataRows,
                $"The download was cancelled or the connection closed. {written.Details}");
            throw;
        }
        metrics.Completed(ExportMetrics.DashboardReport, written.DataRows, clock.GetElapsedTime(started));
        await audit.WriteAsync(user, DashboardAction, fileName, auditFilter, written.DataRows,
            $"{written.Details}; covers {data.Current.Total} calls; times in {zone.Id}", CancellationToken.None);
        return written;
    }

    /// <summary>The file name for an export made now, in the viewer's zone: "calls-20261123-1130.xlsx".</summary>
    public string FileName(string prefix, TimeZoneInfo zone) => DownloadEndpoints.LocalFileName(prefix, zone, clock.GetUtcNow());

    private static IEnumerable<string> CommonLines(PortalUser user, IReadOnlyList<string> notes, TimeZoneInfo zone, DateTimeOffset now, FilterNames names)
    {
        if (user.IsTeamLimited)
        {
            yield return "Limited to the calls of your teams: " + string.Join(", ", user.Teams.Select(t => names.Teams.GetValueOrDefault(t, t)));
        }
        yield return $"Times in {ZoneName(zone)}";
        var local = TimeZoneInfo.ConvertTime(now, zone);
        yield return $"Produced {local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({ZoneName(zone)}) by {user.Name}";
        yield return SpreadsheetText.RuleInWords;
        foreach (var note in notes)
        {
            yield return "Ignored in the link: " + note;
        }
    }

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string PreviousPeriod(ReportingPeriod period)
    {
        var from = period.ToLocal(period.PreviousFromUtc);
        var to = period.ToLocal(period.PreviousToUtc);
        return $"{from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} to {to.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (same length, just before)";
    }

    private async Task<FilterNames> NamesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var connections = await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Name, ct);
        return new FilterNames(connections, teams);
    }

    private async Task AuditStoppedAsync(PortalUser user, string action, string fileName, string auditFilter, long rows, string details)
    {
        try
        {
            await audit.WriteAsync(user, action, fileName, auditFilter, rows, details, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not audit the stopped export {FileName} of {User}", fileName, user.Id);
        }
    }

    /// <summary>Refuses anyone but supervisors and administrators, in the security and audit logs too.</summary>
    private async Task RefuseAsync(PortalUser user, string action)
    {
        if (!user.IsViewer)
        {
            const string reason = "Only supervisors and administrators may export calls.";
            await audit.RefusedAsync(user, action, null, reason);
            throw new UnauthorizedAccessException(reason);
        }
    }
}
