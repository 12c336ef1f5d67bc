using System.Text;
using Microsoft.Net.Http.Headers;
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

    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/retention")
            .RequireAuthorization(PortalPolicies.Viewer)
            .AsDownloads("Deletion certificates are downloaded from the portal's own pages: this request came from another site.",
                "Only administrators may read deletion certificates.")
            .MapGet("/jobs/{id:long}/certificate", CertificateAsync)
            .WithMetadata(new AuditedAction(DeletionCertificates.ReadAction));
        return endpoints;
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
        var fileName = DeletionCertificate.FileName(id);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(Encoding.UTF8.GetBytes(result.Certificate!.ToText(zone)), DeletionCertificate.ContentType);
    }
}
