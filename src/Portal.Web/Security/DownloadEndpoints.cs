using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Portal.Web.Audit;
using Portal.Web.Hosting;

namespace Portal.Web.Security;

/// <summary>
/// What every download endpoint (exports, deletion certificates, the wizard's list) does the same way: refuse requests from
/// another site, answer a script's refused fetch with a status code, read the viewer's zone from <c>tz</c>, and start the
/// attachment with its headers and file name.
/// </summary>
public static class DownloadEndpoints
{
    /// <summary>
    /// Marks a group as downloads: a download triggered by another site (a link or image pointing here,
    /// <c>Sec-Fetch-Site: cross-site</c>) is refused with 403 and <paramref name="crossSiteMessage"/>, in the security log;
    /// same-origin, same-site, none (typed or bookmarked) and a missing header (older browsers, scripts) are allowed. A
    /// refused fetch gets 401/403 with a message instead of redirects (<see cref="StatusCodesForFetchAttribute"/>).
    /// </summary>
    public static RouteGroupBuilder AsDownloads(this RouteGroupBuilder group, string crossSiteMessage, string forbiddenMessage) => group
        .WithMetadata(new StatusCodesForFetchAttribute(forbiddenMessage))
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!string.Equals(http.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
            {
                return await next(context);
            }
            await http.RequestServices.GetRequiredService<RequestRefusals>().LogAsync(http, "a cross-site request (Sec-Fetch-Site: cross-site)");
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(crossSiteMessage, statusCode: StatusCodes.Status403Forbidden);
        });

    /// <summary>Starts an attachment: its content type and file name, never cached, never sniffed as another type.</summary>
    public static void StartAttachment(HttpResponse response, string fileName, string contentType)
    {
        response.ContentType = contentType;
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>A download's file name stamped with the viewer's local time: <c>&lt;prefix&gt;-yyyyMMdd-HHmm.xlsx</c>.</summary>
    public static string LocalFileName(string prefix, TimeZoneInfo zone, DateTimeOffset now) =>
        $"{prefix}-{TimeZoneInfo.ConvertTime(now, zone).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>The viewer's zone from <c>tz</c>: UTC when missing, an error message when unknown.</summary>
    public static (TimeZoneInfo? Zone, string? Error) ReadZone(string? tz)
    {
        if (string.IsNullOrWhiteSpace(tz))
        {
            return (TimeZoneInfo.Utc, null);
        }
        var id = tz.Trim();
        return id.Length <= 100 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? (zone, null)
            : (null, $"Unknown time zone \"{(id.Length > 100 ? TextClip.ToLength(id, 100) + "…" : id)}\". Pass an IANA time zone id such as Europe/Berlin in tz, or leave it out for UTC.");
    }
}

/// <summary>
/// Marks endpoints that scripts fetch (downloads): a refused request gets 401 (not signed in) or 403 (no role) with a short
/// message instead of the cookie scheme's redirects to the sign-in provider or the "no access" page, which a fetch cannot
/// follow usefully. A browser navigation (<c>Sec-Fetch-Mode: navigate</c>, e.g. the link opened in a new tab) keeps the redirects.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class StatusCodesForFetchAttribute(string forbiddenMessage) : Attribute
{
    public string ForbiddenMessage { get; } = forbiddenMessage;
}

/// <summary>Answers refusals of <see cref="StatusCodesForFetchAttribute"/> endpoints with status codes; everything else as before.</summary>
internal sealed class StatusCodesForFetchResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var fetch = context.GetEndpoint()?.Metadata.GetMetadata<StatusCodesForFetchAttribute>();
        if (authorizeResult.Succeeded || fetch is null || context.Request.Headers["Sec-Fetch-Mode"] == "navigate")
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        context.Response.StatusCode = signedIn && authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(context.Response.StatusCode == StatusCodes.Status403Forbidden
            ? fetch.ForbiddenMessage
            : "You are not signed in (or your session has ended). Reload the page to sign in again.");
    }
}
