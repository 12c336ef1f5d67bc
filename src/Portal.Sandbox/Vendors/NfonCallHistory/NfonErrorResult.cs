using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>NFON's error answer: <c>{"error": "..."}</c> with an <c>X-Request-Id</c> header (401s also say WWW-Authenticate).</summary>
internal sealed class NfonErrorResult(int statusCode, string message) : IResult
{
    public const string RequestIdHeader = "X-Request-Id";

    public static IResult Create(int statusCode, string message) => new NfonErrorResult(statusCode, message);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        EnsureRequestId(httpContext);
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }
        return Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: statusCode).ExecuteAsync(httpContext);
    }

    public static void EnsureRequestId(HttpContext httpContext)
    {
        if (!httpContext.Response.Headers.ContainsKey(RequestIdHeader))
        {
            httpContext.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        }
    }
}
