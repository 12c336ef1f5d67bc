using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>
/// Moves the line board with the NFON CTI traffic: each published call rings, is in use while answered, and ends
/// idle. While live traffic runs, some extension's presence also changes every
/// <see cref="NfonCtiEmulatorOptions.PresenceChangeInterval"/>.
/// </summary>
internal sealed class NfonCtiTrafficFeed(
    SandboxTraffic traffic,
    NfonCtiLineBoard board,
    IOptions<SandboxOptions> sandbox,
    IOptions<NfonCtiEmulatorOptions> options,
    TimeProvider clock) : BackgroundService
{
    private static readonly string?[] Presences = ["available", "available", "available", "away", "busy", "dnd", "offline"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var log = traffic.Log(VendorKind.NfonCti);
        var afterSequence = log.Current().Select(p => p.Sequence).DefaultIfEmpty(-1).Max();
        var interval = options.Value.PresenceChangeInterval;
        var presence = sandbox.Value.Traffic.LiveEnabled && interval > TimeSpan.Zero ? ChangePresenceAsync(interval, stoppingToken) : Task.CompletedTask;
        try
        {
            await foreach (var published in log.WatchAsync(afterSequence, stoppingToken))
            {
                var call = published.Call;
                board.SetLine(call.Extension.Number, "ringing", call.StartedAtUtc);
                if (call.AnsweredAtUtc is { } answeredAt)
                {
                    board.SetLine(call.Extension.Number, "in-use", answeredAt);
                }
                board.SetLine(call.Extension.Number, "idle", call.EndedAtUtc);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await presence;
    }

    private async Task ChangePresenceAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        var random = new Random(sandbox.Value.Traffic.Seed);
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var states = board.Snapshot();
                var state = states[random.Next(states.Count)];
                var presence = Presences[random.Next(Presences.Length)];
                var now = clock.GetUtcNow().UtcDateTime;
                board.SetPresence(state.Extension, presence, now);
                if (presence == "offline" || state.Line == "offline")
                {
                    board.SetLine(state.Extension, presence == "offline" ? "offline" : "idle", now);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
