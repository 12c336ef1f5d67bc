using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// <c>POST /extensions/phone/calls</c> (click-to-call: 202 with the start event, or the progression as SSE),
/// <c>DELETE /extensions/phone/calls/{uuid}</c> (cancel until answered) and <c>GET /extensions/phone/calls</c>
/// (the tenant's call events after connecting: originated calls and the NFON CTI traffic as it is published).
/// </summary>
internal static partial class NfonCtiCallEndpoints
{
    public static void MapNfonCtiCalls(this RouteGroupBuilder extensions)
    {
        extensions.MapPost("/calls", OriginateAsync);
        extensions.MapDelete("/calls/{uuid}", Cancel);
        extensions.MapGet("/calls", StreamTenantCalls);
    }

    private static async Task<IResult> OriginateAsync(HttpContext context, NfonCtiOriginations originations, NfonCtiLineBoard board, FaultRegistry faults)
    {
        NfonCtiCallPlan plan;
        try
        {
            var request = await JsonSerializer.DeserializeAsync<NfonCtiOriginateRequest>(context.Request.Body, NfonCtiWire.Json, context.RequestAborted)
                ?? throw new JsonException("null");
            plan = NfonCtiCallRequests.Validate(request, context.Request.Headers.ContainsKey("X-Cloudya-Device-UUID"), board);
        }
        catch (JsonException)
        {
            return NfonCtiResults.Error(StatusCodes.Status400BadRequest, "The request body is not a valid call object.");
        }
        catch (NfonCtiRefusedException refused)
        {
            return NfonCtiResults.Error(refused.Refusal.StatusCode, refused.Refusal.Message);
        }

        var wantsStream = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        var (start, events) = originations.Start(plan, wantsStream);
        return events is null
            ? NfonCtiResults.Json(StatusCodes.Status202Accepted, start)
            : new NfonCtiEventStream(Serialize(events), faults.Get(VendorKind.NfonCti).DropStreamsAfterEvents, cleanup: null);
    }

    private static IResult Cancel(string uuid, NfonCtiOriginations originations)
    {
        if (!CallUuid().IsMatch(uuid))
        {
            return NfonCtiResults.Error(StatusCodes.Status400BadRequest, $"uuid must match {NfonCtiSandbox.CallUuidPattern}.");
        }
        return originations.Cancel(uuid) switch
        {
            NfonCtiCancelOutcome.Cancelled => NfonCtiResults.Empty(StatusCodes.Status204NoContent),
            NfonCtiCancelOutcome.AlreadyConnected => NfonCtiResults.Error(StatusCodes.Status404NotFound,
                $"Requested object (call) {uuid} is no longer being established; only calls being established can be cancelled."),
            _ => NfonCtiResults.Error(StatusCodes.Status404NotFound, $"Requested object (call) {uuid} does not exist."),
        };
    }

    private static IResult StreamTenantCalls(HttpContext context, NfonCtiCallHub hub, SandboxTraffic traffic, FaultRegistry faults)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length > 0 && !AcceptsEventStream(accept))
        {
            return NfonCtiResults.Error(StatusCodes.Status406NotAcceptable, "This endpoint only produces text/event-stream.");
        }

        var events = Channel.CreateUnbounded<NfonCtiCallEvent>();
        var log = traffic.Log(VendorKind.NfonCti);
        var afterSequence = log.Current().Select(p => p.Sequence).DefaultIfEmpty(-1).Max();
        var subscription = hub.Subscribe(events.Writer);
        var stop = new CancellationTokenSource();
        _ = ForwardPublishedCallsAsync(log, afterSequence, events.Writer, stop.Token);
        var cleanup = new Cleanup(() =>
        {
            subscription.Dispose();
            stop.Cancel();
            stop.Dispose();
        });
        return new NfonCtiEventStream(Serialize(events.Reader), faults.Get(VendorKind.NfonCti).DropStreamsAfterEvents, cleanup);
    }

    private static bool AcceptsEventStream(string accept) =>
        accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase)
        || accept.Contains("text/*", StringComparison.Ordinal)
        || accept.Contains("*/*", StringComparison.Ordinal);

    private static async Task ForwardPublishedCallsAsync(SandboxCallLog log, long afterSequence, ChannelWriter<NfonCtiCallEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var published in log.WatchAsync(afterSequence, cancellationToken))
            {
                foreach (var callEvent in NfonCtiTrafficEvents.Render(published.Call))
                {
                    events.TryWrite(callEvent);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }

    private static async IAsyncEnumerable<string> Serialize(ChannelReader<NfonCtiCallEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var callEvent in events.ReadAllAsync(cancellationToken))
        {
            yield return JsonSerializer.Serialize(callEvent, NfonCtiWire.Json);
        }
    }

    [GeneratedRegex(NfonCtiSandbox.CallUuidPattern)]
    private static partial Regex CallUuid();

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
