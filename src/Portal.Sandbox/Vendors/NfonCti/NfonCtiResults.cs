using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>Answers as the vendor gives them: <c>{"error": "..."}</c> bodies, 401 without a body, an <c>X-Request-Id</c> on each.</summary>
internal static class NfonCtiResults
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>An error in the vendor's format (also used for the sandbox's injected faults).</summary>
    public static IResult Error(int statusCode, string message) => new Answer(statusCode, new JsonObject { ["error"] = message });

    /// <summary>A status without a body: 401 on the extension endpoints, 400/401 on <c>/login</c>, 204.</summary>
    public static IResult Empty(int statusCode) => new Answer(statusCode, null);

    public static IResult Json(int statusCode, object body) => new Answer(statusCode, body);

    public static void EnsureRequestId(HttpContext context)
    {
        if (!context.Response.Headers.ContainsKey(RequestIdHeader))
        {
            context.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        }
    }

    private sealed class Answer(int statusCode, object? body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            EnsureRequestId(httpContext);
            httpContext.Response.StatusCode = statusCode;
            if (body is not null)
            {
                httpContext.Response.ContentType = "application/json";
                await httpContext.Response.WriteAsync(JsonSerializer.Serialize(body, body.GetType(), NfonCtiWire.Json), httpContext.RequestAborted);
            }
        }
    }
}
