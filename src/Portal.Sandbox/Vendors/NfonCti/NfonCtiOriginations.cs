using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>How an originated call will go (the emulator decides from the parties, see <see cref="NfonCtiCallRequests"/>).</summary>
public enum NfonCtiScenario
{
    Connects,
    /// <summary>The caller's extension is set to do-not-disturb: the A-leg is rejected.</summary>
    CallerRejects,
    /// <summary>The caller's extension is offline: the A-leg rings until the request's timeout.</summary>
    CallerNoAnswer,
    /// <summary>A global callee ending in 0, or an internal callee on the phone.</summary>
    CalleeBusy,
    /// <summary>A global callee ending in 9: rings until <see cref="NfonCtiEmulatorOptions.CalleeNoAnswerTimeout"/>.</summary>
    CalleeNoAnswer,
    /// <summary>An internal callee that is offline.</summary>
    CalleeUnreachable,
}

/// <summary>A validated click-to-call request.</summary>
public sealed record NfonCtiCallPlan(
    string Caller,
    string CallerContext,
    string Callee,
    string CalleeContext,
    string? Extension,
    string Direction,
    int TimeoutSeconds,
    NfonCtiScenario Scenario)
{
    public bool CallerIsInternal => CallerContext == NfonCtiSandbox.Tenant;
    public bool CalleeIsInternal => CalleeContext == NfonCtiSandbox.Tenant;
}

public enum NfonCtiCancelOutcome { Cancelled, NotFound, AlreadyConnected }

/// <summary>
/// Click-to-call progressions: start → caller-dial → caller-ring → caller-answer → dial → ring → answer → end,
/// one <see cref="NfonCtiEmulatorOptions.CallStepDelay"/> apart, ending early with an <c>error</c> as the
/// scenario says. Every state goes to the tenant stream (full objects) and, when asked, to the originator's stream
/// (limited objects). A call can be cancelled until it is answered. Thread-safe.
/// </summary>
public sealed class NfonCtiOriginations(
    NfonCtiLineBoard board,
    NfonCtiCallHub hub,
    IOptions<NfonCtiEmulatorOptions> options,
    TimeProvider clock,
    ILogger<NfonCtiOriginations> logger)
{
    private readonly ConcurrentDictionary<string, Origination> _calls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the progression; returns the <c>start</c> event and, when asked, the originator's events.</summary>
    public (NfonCtiCallEvent Start, ChannelReader<NfonCtiCallEvent>? Events) Start(NfonCtiCallPlan plan, bool streamEvents)
    {
        var call = new Origination(Guid.NewGuid().ToString(), plan, streamEvents ? Channel.CreateUnbounded<NfonCtiCallEvent>() : null);
        _calls[call.Uuid] = call;
        var start = Emit(call, "start", error: null);
        _ = Task.Run(() => RunAsync(call));
        return (start with { Customer = null }, call.Events?.Reader);
    }

    public NfonCtiCancelOutcome Cancel(string uuid)
    {
        if (!_calls.TryGetValue(uuid, out var call))
        {
            return NfonCtiCancelOutcome.NotFound;
        }
        lock (call.Gate)
        {
            if (call.Connected || call.Ended)
            {
                return NfonCtiCancelOutcome.AlreadyConnected;
            }
            call.Cancelled = true;
        }
        call.Abort.Cancel();
        return NfonCtiCancelOutcome.Cancelled;
    }

    private async Task RunAsync(Origination call)
    {
        var plan = call.Plan;
        var timings = options.Value;
        var abort = call.Abort.Token;
        try
        {
            await Step(abort);
            Emit(call, "caller-dial", null);
            await Step(abort);
            Emit(call, "caller-ring", null);
            SetLine(call, plan.CallerIsInternal ? plan.Caller : null, "ringing");
            switch (plan.Scenario)
            {
                case NfonCtiScenario.CallerRejects:
                    await Step(abort);
                    End(call, "reject");
                    return;
                case NfonCtiScenario.CallerNoAnswer:
                    await Task.Delay(TimeSpan.FromSeconds(plan.TimeoutSeconds), clock, abort);
                    End(call, "timeout");
                    return;
            }
            await Step(abort);
            Emit(call, "caller-answer", null);
            SetLine(call, plan.CallerIsInternal ? plan.Caller : null, "in-use");
            await Step(abort);
            Emit(call, "dial", null);
            switch (plan.Scenario)
            {
                case NfonCtiScenario.CalleeBusy:
                    await Step(abort);
                    End(call, "busy");
                    return;
                case NfonCtiScenario.CalleeUnreachable:
                    await Step(abort);
                    End(call, "unspecified");
                    return;
            }
            await Step(abort);
            Emit(call, "ring", null);
            SetLine(call, plan.CalleeIsInternal ? plan.Callee : null, "ringing");
            if (plan.Scenario == NfonCtiScenario.CalleeNoAnswer)
            {
                await Task.Delay(timings.CalleeNoAnswerTimeout, clock, abort);
                End(call, "timeout");
                return;
            }
            await Step(abort);
            lock (call.Gate)
            {
                if (call.Cancelled)
                {
                    throw new OperationCanceledException(abort);
                }
                call.Connected = true;
            }
            Emit(call, "answer", null);
            SetLine(call, plan.CalleeIsInternal ? plan.Callee : null, "in-use");
            await Task.Delay(timings.CallTalkDuration, clock, CancellationToken.None);
            End(call, null);
        }
        catch (OperationCanceledException)
        {
            End(call, "cancel");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The NFON CTI emulator's call {Uuid} failed", call.Uuid);
            End(call, "unspecified");
        }
    }

    private Task Step(CancellationToken abort) => Task.Delay(options.Value.CallStepDelay, clock, abort);

    private NfonCtiCallEvent Emit(Origination call, string state, string? error)
    {
        var plan = call.Plan;
        var full = new NfonCtiCallEvent
        {
            Uuid = call.Uuid,
            Caller = plan.Caller,
            CallerContext = plan.CallerContext,
            Callee = plan.Callee,
            CalleeContext = plan.CalleeContext,
            Extension = plan.Extension,
            Customer = NfonCtiSandbox.Tenant,
            Direction = plan.Direction,
            State = state,
            Updated = NfonCtiWire.Time(clock.GetUtcNow().UtcDateTime),
            Error = error,
        };
        hub.Publish(full);
        call.Events?.Writer.TryWrite(full.Limited());
        return full;
    }

    private void End(Origination call, string? error)
    {
        lock (call.Gate)
        {
            if (call.Ended)
            {
                return;
            }
            call.Ended = true;
        }
        Emit(call, "end", error);
        call.Events?.Writer.TryComplete();
        _calls.TryRemove(call.Uuid, out _);
        foreach (var extension in call.Touched)
        {
            board.SetLine(extension, "idle", clock.GetUtcNow().UtcDateTime);
        }
    }

    private void SetLine(Origination call, string? extension, string line)
    {
        if (extension is null)
        {
            return;
        }
        call.Touched.Add(extension);
        board.SetLine(extension, line, clock.GetUtcNow().UtcDateTime);
    }

    private sealed class Origination(string uuid, NfonCtiCallPlan plan, Channel<NfonCtiCallEvent>? events)
    {
        public string Uuid { get; } = uuid;
        public NfonCtiCallPlan Plan { get; } = plan;
        public Channel<NfonCtiCallEvent>? Events { get; } = events;
        public CancellationTokenSource Abort { get; } = new();
        public object Gate { get; } = new();
        public HashSet<string> Touched { get; } = [];
        public bool Connected { get; set; }
        public bool Cancelled { get; set; }
        public bool Ended { get; set; }
    }
}
