using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// An SSE answer: one JSON object per event's <c>data</c>, no <c>event:</c>/<c>id:</c> lines (the vendor documents
/// none). Unlike <c>TypedResults.ServerSentEvents</c> it sends the headers at once, so a client is connected
/// before the first event (the tenant call stream may be quiet for long). Ends after
/// <paramref name="dropAfterEvents"/> events when that fault is set; disposes <paramref name="cleanup"/> when done.
/// </summary>
internal sealed class NfonCtiEventStream(IAsyncEnumerable<string> events, int dropAfterEvents, IDisposable? cleanup) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            NfonCtiResults.EnsureRequestId(httpContext);
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "text/event-stream";
            httpContext.Response.Headers.CacheControl = "no-cache";
            await httpContext.Response.StartAsync(httpContext.RequestAborted);
            await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted);
            await SseFormatter.WriteAsync(Items(httpContext.RequestAborted), httpContext.Response.Body,
                (item, writer) => writer.Write(Encoding.UTF8.GetBytes(item.Data)), httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            cleanup?.Dispose();
        }
    }

    private async IAsyncEnumerable<SseItem<string>> Items([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var data in events.WithCancellation(cancellationToken))
        {
            yield return new SseItem<string>(data);
            if (dropAfterEvents > 0 && ++sent >= dropAfterEvents)
            {
                yield break; // the injected fault: the connection drops
            }
        }
    }
}
