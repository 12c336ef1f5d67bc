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
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BlazorHubOriginCheck));
        return app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPath), hub => hub.Use(async (context, next) =>
        {
            if (!IsAllowed(context.Request, allowedOrigins))
            {
                logger.LogWarning("Refused a Blazor hub request from origin {Origin} (the portal is {Own})",
                    context.Request.Headers.Origin.ToString(), Origin.Of(context.Request));
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
