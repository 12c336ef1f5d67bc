using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Portal.Web.Features.Exports;

/// <summary>
/// Marks endpoints that scripts fetch (downloads): a refused request gets 401 (not signed in) or 403 (no role) with a short
/// message instead of the cookie scheme's redirects to the sign-in provider or the "no access" page, which a fetch cannot
/// follow usefully. A browser navigation (<c>Sec-Fetch-Mode: navigate</c>, e.g. the link opened in a new tab) keeps the redirects.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class StatusCodesForFetchAttribute : Attribute;

/// <summary>Answers refusals of <see cref="StatusCodesForFetchAttribute"/> endpoints with status codes; everything else as before.</summary>
internal sealed class StatusCodesForFetchResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded
            || context.GetEndpoint()?.Metadata.GetMetadata<StatusCodesForFetchAttribute>() is null
            || context.Request.Headers["Sec-Fetch-Mode"] == "navigate")
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        context.Response.StatusCode = signedIn && authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(context.Response.StatusCode == StatusCodes.Status403Forbidden
            ? "Only supervisors and administrators may export calls."
            : "You are not signed in (or your session has ended). Reload the page to sign in again.");
    }
}
