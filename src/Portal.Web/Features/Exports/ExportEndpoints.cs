using System.Globalization;
using Portal.Web.Auth;
using Portal.Web.Audit;
using Portal.Web.Reporting;
using Portal.Web.Hosting;
using Portal.Web.Security;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Features.Exports;

/// <summary>
/// <c>GET /exports/calls.xlsx?&lt;call filter&gt;&amp;tz=…</c> (all matching calls, streamed), <c>GET /exports/calls/count?…</c>
/// (how many, as JSON, for progress) and <c>GET /exports/dashboard.xlsx?&lt;dashboard filter&gt;&amp;tz=…</c>. Supervisors and
/// administrators only, checked by the policy and again by the services; team limits apply inside the queries. <c>tz</c> is the
/// viewer's IANA zone (missing: UTC; unknown: 400). Requests that are not browser navigations get 401/403 instead of redirects,
/// so the download helper can say what happened. Requests from another site (<c>Sec-Fetch-Site: cross-site</c>) are refused
/// with 403. Refusals go to the security log, refused exports also to the audit log.
/// </summary>
public static class ExportEndpoints
{
    public const string CallsPath = "/exports/calls.xlsx";
    public const string CallsCountPath = "/exports/calls/count";
    public const string DashboardPath = "/exports/dashboard.xlsx";
    /// <summary>The response header with the number of calls a records export will hold (for the progress bar).</summary>
    public const string ExpectedRowsHeader = "X-Export-Rows";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/exports")
            .RequireAuthorization(PortalPolicies.Viewer)
            .AsDownloads("Exports start from the portal's own pages: this request came from another site.",
                "Only supervisors and administrators may export calls.");
        group.MapGet("/calls.xlsx", CallsAsync).WithMetadata(new AuditedAction(ExportService.CallsAction));
        group.MapGet("/calls/count", CountAsync);
        group.MapGet("/dashboard.xlsx", DashboardAsync).WithMetadata(new AuditedAction(ExportService.DashboardAction));
        return endpoints;
    }

    private static async Task CallsAsync(HttpContext http, ExportService exports, PortalAuthenticationOptions authOptions, TimeProvider clock, RequestRefusals refusals)
    {
        var user = PortalUser.From(http.User, authOptions);
        if (!user.IsViewer)
        {
            await Refuse(http, refusals);
            return;
        }
        var (zone, zoneError) = DownloadEndpoints.ReadZone(http.Request.Query["tz"]);
        if (zone is null)
        {
            await BadRequest(http, zoneError!);
            return;
        }
        var query = http.Request.QueryString.Value;
        var (filter, notes) = CallFilterQuery.Parse(query, DateRangeLimits.Today(clock));
        var ct = http.RequestAborted;

        var expected = await exports.CountCallsAsync(user, filter, zone, ct);
        var heading = await exports.CallsHeadingAsync(user, filter, notes, zone, ct);
        if (expected > CallsExport.MaxCalls(heading))
        {
            await BadRequest(http, $"{expected:N0} calls match, more than one Excel sheet holds ({CallsExport.MaxCalls(heading):N0}). Narrow the filter, e.g. a shorter date range.");
            return;
        }

        var fileName = exports.FileName("calls", zone);
        DownloadEndpoints.StartAttachment(http.Response, fileName, CallsExport.ContentType);
        http.Response.Headers[ExpectedRowsHeader] = expected.ToString(CultureInfo.InvariantCulture);
        await exports.WriteCallsAsync(user, filter, heading, AuditFilter(query), zone, fileName, http.Response.Body, ct);
    }

    private static async Task CountAsync(HttpContext http, ExportService exports, PortalAuthenticationOptions authOptions, TimeProvider clock, RequestRefusals refusals)
    {
        var user = PortalUser.From(http.User, authOptions);
        if (!user.IsViewer)
        {
            await Refuse(http, refusals);
            return;
        }
        var (zone, zoneError) = DownloadEndpoints.ReadZone(http.Request.Query["tz"]);
        if (zone is null)
        {
            await BadRequest(http, zoneError!);
            return;
        }
        var (filter, _) = CallFilterQuery.Parse(http.Request.QueryString.Value, DateRangeLimits.Today(clock));
        var rows = await exports.CountCallsAsync(user, filter, zone, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsJsonAsync(new { rows }, http.RequestAborted);
    }

    private static async Task DashboardAsync(HttpContext http, ExportService exports, PortalAuthenticationOptions authOptions, TimeProvider clock, RequestRefusals refusals)
    {
        var user = PortalUser.From(http.User, authOptions);
        if (!user.IsViewer)
        {
            await Refuse(http, refusals);
            return;
        }
        var (zone, zoneError) = DownloadEndpoints.ReadZone(http.Request.Query["tz"]);
        if (zone is null)
        {
            await BadRequest(http, zoneError!);
            return;
        }
        var query = http.Request.QueryString.Value;
        var (filter, notes) = DashboardFilterQuery.Parse(query, DateRangeLimits.Today(clock));
        var fileName = exports.FileName("dashboard", zone);
        DownloadEndpoints.StartAttachment(http.Response, fileName, CallsExport.ContentType);
        await exports.WriteDashboardReportAsync(user, filter, notes, AuditFilter(query), zone, fileName, http.Response.Body, http.RequestAborted);
    }

    /// <summary>The query string as the user sent it (without the leading "?"), for the audit log.</summary>
    private static string AuditFilter(string? query) => string.IsNullOrEmpty(query) ? "" : Uri.UnescapeDataString(query.TrimStart('?').Replace('+', ' '));

    private static Task BadRequest(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static async Task Refuse(HttpContext http, RequestRefusals refusals)
    {
        const string reason = "Only supervisors and administrators may export calls.";
        await refusals.LogAsync(http, reason);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.Response.WriteAsync(reason, http.RequestAborted);
    }
}
