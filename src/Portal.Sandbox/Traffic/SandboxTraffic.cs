using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Traffic;

/// <summary>
/// The call logs of every emulated vendor: filled with <see cref="TrafficOptions.HistoryDays"/> of history when
/// first used, then (when live) with each call as it ends.
/// </summary>
public sealed class SandboxTraffic(IOptions<SandboxOptions> options, IEnumerable<TrafficProfile> profiles, TimeProvider clock)
{
    private readonly Lazy<IReadOnlyDictionary<VendorKind, SandboxCallLog>> _logs = new(() =>
    {
        var traffic = options.Value.Traffic;
        var now = clock.GetUtcNow().UtcDateTime;
        return profiles.ToDictionary(p => p.Vendor, p =>
        {
            var log = new SandboxCallLog(p.Vendor, new TrafficGenerator(p, traffic.Seed, traffic.CallsPerDay));
            log.Publish(log.Generator.CallsEndedBetween(now.AddDays(-traffic.HistoryDays), now), now);
            return log;
        });
    });

    private DateTime? _publishedUntil;

    public SandboxCallLog Log(VendorKind vendor) => _logs.Value[vendor];

    /// <summary>Publishes the calls that ended since the last time.</summary>
    public void PublishUntilNow()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = _publishedUntil ?? now.AddDays(-options.Value.Traffic.HistoryDays);
        foreach (var log in _logs.Value.Values)
        {
            log.Publish(log.Generator.CallsEndedBetween(from, now), now);
        }
        _publishedUntil = now;
    }
}

/// <summary>Keeps publishing calls as they end while the sandbox runs.</summary>
internal sealed class LiveTrafficService(SandboxTraffic traffic, IOptions<SandboxOptions> options, ILogger<LiveTrafficService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Traffic.LiveEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Traffic.LiveInterval);
        do
        {
            try
            {
                traffic.PublishUntilNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Publishing sandbox traffic failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
