using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Features.Sync;

/// <summary>
/// Syncs one connection until it is paused, removed, changed or the lease is lost: backfill, then polling from the
/// cursor (minus the overlap); for a live-stream vendor the stream alongside; for a directory vendor the directory.
/// A failure is recorded in words and retried with a growing, jittered wait; it never affects other connections.
/// Every page commits only while this instance holds the lease; once it does not, the worker stops.
/// </summary>
public sealed class ConnectionWorker(
    IDbContextFactory<PortalDbContext> contexts,
    VendorAdapters adapters,
    ConnectionSecretProtector secrets,
    CallIngestor ingestor,
    ConnectionStatus status,
    ExtensionDirectorySync directorySync,
    SyncSignals signals,
    ConnectionLeases leases,
    SyncMetrics metrics,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<ConnectionWorker> logger)
{
    public async Task RunAsync(int connectionId, CancellationToken stopping)
    {
        // Also cancelled when the live stream finds the lease lost.
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancellationToken = leaseLost.Token;
        var startedWith = await LoadAsync(connectionId, cancellationToken);
        if (startedWith is null || startedWith.IsPaused)
        {
            if (startedWith is not null)
            {
                await status.SetStateAsync(connectionId, ConnectionState.Paused, cancellationToken);
            }
            return;
        }

        using var streamStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? stream = null;
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var connection = await LoadAsync(connectionId, cancellationToken);
                if (connection is null || connection.IsPaused || connection.UpdatedAtUtc != startedWith.UpdatedAtUtc)
                {
                    return; // removed, paused or changed: the engine starts a fresh worker when it should run
                }

                try
                {
                    var adapter = adapters.Create(connection.ToVendorSettings(secrets));
                    if (adapter is ILiveCallRecordStream live && stream is null)
                    {
                        stream = RunStreamAsync(connectionId, live, leaseLost, streamStop.Token);
                    }
                    if (adapter is ICallRecordSource source)
                    {
                        await PollRecordsAsync(connection, source, stream is not null, cancellationToken);
                    }
                    if (adapter is IExtensionDirectory directory)
                    {
                        await directorySync.SyncAsync(connectionId, directory, cancellationToken);
                        await status.SucceededAsync(connectionId, ConnectionState.Live, cancellationToken);
                    }
                    failures = 0;
                }
                catch (LeaseLostException ex)
                {
                    logger.LogWarning("Connection {ConnectionId}: {Reason} Stopping here.", connectionId, ex.Message);
                    return;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    await status.FailedAsync(connectionId, Describe(ex, connection), cancellationToken);
                }

                await signals.WaitAsync(connectionId, NextWait(connection, failures), cancellationToken);
            }
        }
        finally
        {
            await streamStop.CancelAsync();
            if (stream is not null)
            {
                await stream.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PollRecordsAsync(Connection connection, ICallRecordSource source, bool streaming, CancellationToken cancellationToken)
    {
        using var pass = SyncMetrics.StartPass(connection.Id, connection.Vendor);
        var watermark = await WatermarkAsync(connection.Id, cancellationToken);
        var since = watermark is { } w ? w - options.Value.Overlap : clock.GetUtcNow().UtcDateTime.AddDays(-connection.BackfillDays);
        await status.SetStateAsync(connection.Id, watermark is null ? ConnectionState.Backfilling : ConnectionState.Polling, cancellationToken);

        await foreach (var page in source.ReadSinceAsync(since, cancellationToken))
        {
            var next = watermark is { } current && current > page.Watermark ? current : page.Watermark;
            var cursor = new CursorUpdate(SyncStreams.Records, next) { Conditional = true, OnlyFromWatermarkUtc = watermark, LeaseOwner = leases.Owner };
            var result = await metrics.IngestPageAsync(connection.Id, connection.Vendor, page.Calls.Count + page.Skipped.Count,
                () => ingestor.IngestAsync(connection.Id, page.Calls, page.Skipped, cursor, cancellationToken));
            await status.AddProgressAsync(connection.Id, result, cancellationToken);
            if (!result.CursorMoved)
            {
                signals.Wake(connection.Id); // re-sync asked for meanwhile: start over from the new cursor
                return;
            }
            watermark = next;
            foreach (var skipped in page.Skipped)
            {
                logger.LogWarning("Connection {ConnectionId}: skipped vendor record {VendorKey}: {Reason}", connection.Id, skipped.VendorKey, skipped.Reason);
            }
        }
        await status.SucceededAsync(connection.Id, streaming ? ConnectionState.Live : ConnectionState.Polling, cancellationToken);
    }

    private async Task RunStreamAsync(int connectionId, ILiveCallRecordStream live, CancellationTokenSource leaseLost, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var lastEventId = await LastEventIdAsync(connectionId, cancellationToken);
                await foreach (var item in live.StreamAsync(lastEventId, cancellationToken))
                {
                    var result = await metrics.IngestPageAsync(connectionId, live.Vendor, 1, () => ingestor.IngestAsync(connectionId,
                        item.Call is null ? [] : [item.Call], item.Skipped is null ? [] : [item.Skipped],
                        new CursorUpdate(SyncStreams.Live, LastEventId: item.EventId) { LeaseOwner = leases.Owner }, cancellationToken));
                    await status.AddProgressAsync(connectionId, result, cancellationToken);
                }
            }
            catch (LeaseLostException ex)
            {
                logger.LogWarning("Connection {ConnectionId}: {Reason} Stopping here.", connectionId, ex.Message);
                await leaseLost.CancelAsync();
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Connection {ConnectionId}: the live stream stopped: {Reason}", connectionId, ex is VendorException v ? v.Error.Message : ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5 + Random.Shared.Next(5)), cancellationToken);
            }
        }
    }

    private TimeSpan NextWait(Connection connection, int failures)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, connection.PollIntervalSeconds));
        if (failures == 0)
        {
            return poll;
        }
        var backoff = TimeSpan.FromSeconds(Math.Min(options.Value.MaxBackoff.TotalSeconds, 5 * Math.Pow(2, failures - 1)));
        return backoff * (0.8 + Random.Shared.NextDouble() * 0.4);
    }

    private string Describe(Exception exception, Connection connection)
    {
        if (exception is VendorException vendor)
        {
            return vendor.Error.Message;
        }
        logger.LogError(exception, "Connection {ConnectionId} ({Vendor}) failed", connection.Id, connection.Vendor);
        return exception is InvalidOperationException ? exception.Message : $"Unexpected error ({exception.GetType().Name}): {exception.Message}";
    }

    private async Task<Connection?> LoadAsync(int connectionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
    }

    private async Task<DateTime?> WatermarkAsync(int connectionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SyncCursors.Where(c => c.ConnectionId == connectionId && c.Stream == SyncStreams.Records)
            .Select(c => c.WatermarkUtc).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<string?> LastEventIdAsync(int connectionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SyncCursors.Where(c => c.ConnectionId == connectionId && c.Stream == SyncStreams.Live)
            .Select(c => c.LastEventId).FirstOrDefaultAsync(cancellationToken);
    }
}
