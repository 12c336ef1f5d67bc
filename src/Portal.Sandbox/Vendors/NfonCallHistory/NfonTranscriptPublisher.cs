using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// Re-publishes calls whose transcript has become ready, so the stream sends them again (as NFON does). Runs with
/// the live traffic; tests call <see cref="RepublishReady"/> with the time they choose.
/// </summary>
public sealed class NfonTranscriptPublisher(SandboxTraffic traffic, IOptions<SandboxOptions> options, TimeProvider clock, ILogger<NfonTranscriptPublisher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Re-publishes every current call whose transcript is pending and ready at <paramref name="nowUtc"/>; returns how many.</summary>
    public static int RepublishReady(SandboxCallLog log, DateTime nowUtc)
    {
        var due = log.Current()
            .Where(p => p.Call.Transcript is not null && !NfonCallHistorySandbox.IsTranscriptReady(p)
                && nowUtc >= NfonCallHistorySandbox.TranscriptReadyAtUtc(p.Call))
            .Select(p => p.Call)
            .ToList();
        foreach (var call in due)
        {
            log.Republish(call, nowUtc);
        }
        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Traffic.LiveEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                RepublishReady(traffic.Log(VendorKind.NfonCallHistory), clock.GetUtcNow().UtcDateTime);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Re-publishing NFON Call History transcripts failed");
            }
        }
    }
}
