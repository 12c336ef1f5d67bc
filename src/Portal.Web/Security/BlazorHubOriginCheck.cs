using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Portal.Web.Auth;
using Portal.Web.Audit;

namespace Portal.Web.Security;

/// <summary>
/// The Blazor hub (negotiate, WebSocket upgrade, long polling) answers only pages of this portal: a request whose
/// Origin is another site is refused with 403. CORS does not cover WebSockets, and a circuit acts with the user's
/// cookie, so another site must not open one. Requests without an Origin (not from a browser page) pass.
/// </summary>
public static class BlazorHubOriginCheck
{
    public const string HubPath = "/_blazor";

    public static IApplicationBuilder UseBlazorHubOriginCheck(this IApplicationBuilder app, IReadOnlyList<string> allowedOrigins)
    {
        return app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.Use(async (context, next) =>
        {
            if (!IsAllowed(context.Request, allowedOrigins))
            {
                // Before the authentication middleware: read the cookie only to name who was refused.
                var signedIn = await context.AuthenticateAsync();
                var services = context.RequestServices;
                services.GetRequiredService<SecurityLog>().Refused(
                    PortalUser.From(signedIn.Principal ?? new ClaimsPrincipal(), services.GetRequiredService<PortalAuthenticationOptions>()), "blazor-hub.connect",
                    $"{context.Request.Method} {context.Request.Path}",
                    $"the origin {context.Request.Headers.Origin} is neither the portal's ({Origin.Of(context.Request)}) nor an allowed origin");
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        }));
    }

    private static bool IsAllowed(HttpRequest request, IReadOnlyList<string> allowedOrigins)
    {
        var header = request.Headers.Origin;
        if (header.Count == 0)
        {
            return true;
        }
        var origin = Origin.Parse(header.ToString());
        return origin is not null && (origin == Origin.Of(request) || allowedOrigins.Contains(origin));
    }
}
