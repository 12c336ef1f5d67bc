using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// Serves server-sent events with <see cref="SseFormatter"/>, sending the headers at once (as a real stream
/// does; TypedResults.ServerSentEvents holds them back until the first event, so a quiet stream looks like a hung
/// request to its client).
/// </summary>
internal sealed class NfonEventStreamResult(IAsyncEnumerable<SseItem<string>> events) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        await response.StartAsync(httpContext.RequestAborted);
        await response.Body.FlushAsync(httpContext.RequestAborted); // the headers go out now, not with the first event
        try
        {
            await SseFormatter.WriteAsync(events, response.Body, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
    }
}
