using Portal.Web.Auth;
using Portal.Web.Audit;

namespace Portal.Web.Features.Calls;

/// <summary>
/// <c>GET /calls/{callId}/recordings/{recordingId}</c>: a recording's audio streamed from the vendor through the portal, for a
/// viewer who may see the call (403 for another team's call, 404 for no such call or recording, 502 when the vendor fails).
/// Every download is audited (who, which call and recording; never the audio), and so is every refusal.
/// </summary>
public static class RecordingEndpoints
{
    public const string DownloadAction = "recording.download";

    public static string DownloadPath(long callId, long recordingId) => $"/calls/{callId}/recordings/{recordingId}";

    public static IEndpointRouteBuilder MapRecordingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calls/{callId:long}/recordings/{recordingId:long}", DownloadAsync).RequireAuthorization(PortalPolicies.Viewer)
            .WithMetadata(new AuditedAction(DownloadAction));
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(long callId, long recordingId, HttpContext http, RecordingDownloads recordings,
        PortalAuthenticationOptions authOptions, AuditLog audit)
    {
        var user = PortalUser.From(http.User, authOptions);
        var target = $"{CallDetails.CallTarget(callId)}, recording {recordingId}";
        RecordingOpenResult result;
        try
        {
            result = await recordings.OpenAsync(user, callId, recordingId, http.RequestAborted);
        }
        catch (UnauthorizedAccessException ex)
        {
            await audit.RefusedAsync(user, DownloadAction, target, ex.Message);
            // Not Forbid(): that would send the browser to the sign-in provider's "no access" page instead of saying no.
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not download recordings of this call.");
        }
        if (result.Status == RecordingOpenStatus.Opened)
        {
            try
            {
                await audit.WriteAsync(user, DownloadAction, target, cancellationToken: CancellationToken.None);
            }
            catch
            {
                await result.Content!.DisposeAsync(); // no download without its audit entry
                throw;
            }
        }

        return result.Status switch
        {
            RecordingOpenStatus.Opened => new RecordingResult(result.Content!, result.FileName!),
            RecordingOpenStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such recording."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The vendor could not serve the recording.",
                detail: result.Message),
        };
    }

    /// <summary>Streams the vendor's audio and disposes it (and its HTTP response) when done.</summary>
    private sealed class RecordingResult(Telephony.Capabilities.RecordingContent content, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using (content)
            {
                httpContext.Response.Headers.CacheControl = "private, no-store";
                httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
                await TypedResults.Stream(content.Content, content.ContentType, fileName).ExecuteAsync(httpContext);
            }
        }
    }
}
