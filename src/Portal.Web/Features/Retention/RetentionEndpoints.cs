using System.Text;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Security;

namespace Portal.Web.Features.Retention;

/// <summary>
/// <c>GET /retention/jobs/{id}/certificate?tz=…</c>: a finished deletion job's certificate as a UTF-8 text attachment
/// (<c>deletion-certificate-&lt;id&gt;.txt</c>), times in UTC and in the viewer's IANA zone <c>tz</c> (missing: UTC only;
/// unknown: 400). Administrators only: a supervisor gets 403, in the security log and the audit log (refused); 404 for no such
/// job, 409 for a job not yet completed or cancelled. Requests from another site (<c>Sec-Fetch-Site: cross-site</c>) are
/// refused with 403 and logged; a script's refused fetch gets 401/403 instead of redirects (DownloadEndpoints). Every
/// certificate issued is audited.
/// </summary>
public static class RetentionEndpoints
{
    public static string CertificatePath(long jobId) => $"/retention/jobs/{jobId}/certificate";

    /// <summary>The bulk-delete wizard's "download the list": the calls a selection matches now, as an Excel file.</summary>
    public const string ListPath = "/retention/delete/calls.xlsx";

    /// <summary>The list's address for a selection (the browser adds <c>tz</c>).</summary>
    public static string ListHref(DeletionSelection selection) => ListPath + DeletionSelectionQuery.Format(selection);

    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/retention")
            .RequireAuthorization(PortalPolicies.Viewer)
            .AsDownloads("Deletion certificates are downloaded from the portal's own pages: this request came from another site.",
                "Only administrators may read deletion certificates.")
            .MapGet("/jobs/{id:long}/certificate", CertificateAsync)
            .WithMetadata(new AuditedAction(DeletionCertificates.ReadAction));
        endpoints.MapGroup("/retention/delete")
            .RequireAuthorization(PortalPolicies.Viewer)
            .AsDownloads("The list of calls to delete is downloaded from the portal's own wizard: this request came from another site.",
                "Only administrators may delete calls.")
            .MapGet("/calls.xlsx", ListAsync)
            .WithMetadata(new AuditedAction(DeletionWizard.ListAction));
        return endpoints;
    }

    /// <summary>
    /// <c>GET /retention/delete/calls.xlsx?&lt;selection&gt;&amp;tz=…</c> (<see cref="DeletionSelectionQuery"/>): the matching calls,
    /// streamed (<see cref="DeletionWizard.WriteListAsync"/>). A supervisor gets 403; a selection that cannot be resolved, an unknown
    /// zone or more calls than a sheet holds get 400.
    /// </summary>
    private static async Task ListAsync(HttpContext http, DeletionWizard wizard, PortalAuthenticationOptions authOptions, TimeProvider clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        var user = PortalUser.From(http.User, authOptions);
        var (zone, zoneError) = DownloadEndpoints.ReadZone(http.Request.Query["tz"]);
        if (zone is null)
        {
            await Plain(http, StatusCodes.Status400BadRequest, zoneError!);
            return;
        }
        var (selection, _) = DeletionSelectionQuery.Parse(http.Request.QueryString.Value, Reporting.DateRangeLimits.Today(clock));
        int count;
        try
        {
            count = await wizard.CountAsync(user, selection, zone, http.RequestAborted);
        }
        catch (UnauthorizedAccessException ex)
        {
            await Plain(http, StatusCodes.Status403Forbidden, ex.Message);
            return;
        }
        catch (DeletionSelectionException ex)
        {
            await Plain(http, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }
        if (count > Reporting.Spreadsheets.CallsExport.ExcelMaxRows - 10)
        {
            await Plain(http, StatusCodes.Status400BadRequest, $"{count:N0} calls match, more than one Excel sheet holds. Narrow the selection to download its list.");
            return;
        }
        var fileName = DownloadEndpoints.LocalFileName("calls-to-delete", zone, clock.GetUtcNow());
        DownloadEndpoints.StartAttachment(http.Response, fileName, Reporting.Spreadsheets.CallsExport.ContentType);
        http.Response.Headers["X-Export-Rows"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await wizard.WriteListAsync(user, selection, zone, fileName, http.Response.Body, http.RequestAborted);
    }

    private static Task Plain(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static async Task<IResult> CertificateAsync(long id, HttpContext http, DeletionCertificates certificates,
        PortalAuthenticationOptions authOptions)
    {
        http.Response.Headers.CacheControl = "no-store";
        var user = PortalUser.From(http.User, authOptions);
        var (zone, zoneError) = DownloadEndpoints.ReadZone(http.Request.Query["tz"]);
        if (zone is null)
        {
            return Results.Text(zoneError!, statusCode: StatusCodes.Status400BadRequest);
        }
        DeletionCertificateResult result;
        try
        {
            result = await certificates.IssueAsync(user, id, http.RequestAborted);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        switch (result.Status)
        {
            case DeletionCertificateStatus.NotFound:
                return Results.Text(result.Message, statusCode: StatusCodes.Status404NotFound);
            case DeletionCertificateStatus.NotFinished:
                return Results.Text(result.Message, statusCode: StatusCodes.Status409Conflict);
        }
        DownloadEndpoints.StartAttachment(http.Response, DeletionCertificate.FileName(id), DeletionCertificate.ContentType);
        return Results.Bytes(Encoding.UTF8.GetBytes(result.Certificate!.ToText(zone)), DeletionCertificate.ContentType);
    }
}
