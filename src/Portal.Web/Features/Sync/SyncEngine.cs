using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Web.Data;

namespace Portal.Web.Features.Sync;

/// <summary>
/// Runs one <see cref="ConnectionWorker"/> per active connection whose lease this instance holds, renews the
/// leases, and stops workers of connections that are paused, removed or taken over, or whose lease could not be
/// renewed (the worker's pages are fenced by the lease as well: see <see cref="LeaseLostException"/>).
/// </summary>
public sealed class SyncEngine(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectionLeases leases,
    IServiceProvider services,
    IOptions<SyncOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SyncEngine> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, (Task Task, CancellationTokenSource Stop)> _workers = [];

    /// <summary>Whether this instance runs a worker for the connection now.</summary>
    public bool IsRunning(int connectionId) => _workers.TryGetValue(connectionId, out var worker) && !worker.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        // Stop as soon as the application starts stopping: open vendor streams would otherwise hold the server's
        // graceful shutdown (it waits for in-flight requests) when the sandbox runs in the same host.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var renewEvery = options.Value.LeaseDuration / 3;
        var lastRenewal = DateTime.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var renew = DateTime.UtcNow - lastRenewal >= renewEvery;
                    await ReconcileAsync(renew, stoppingToken);
                    if (renew)
                    {
                        lastRenewal = DateTime.UtcNow;
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The sync engine could not check its connections");
                }
                await Task.Delay(options.Value.EngineInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private async Task ReconcileAsync(bool renew, CancellationToken stoppingToken)
    {
        foreach (var (id, worker) in _workers.Where(w => w.Value.Task.IsCompleted).ToList())
        {
            _workers.TryRemove(id, out _);
            worker.Stop.Dispose();
            await leases.ReleaseAsync(id);
        }

        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
        var connections = await db.Connections.Select(c => new { c.Id, c.IsPaused, c.State }).ToListAsync(stoppingToken);
        var active = connections.Where(c => !c.IsPaused).Select(c => c.Id).ToList();

        foreach (var id in active.Where(id => !_workers.ContainsKey(id) || renew))
        {
            bool held;
            try
            {
                held = await leases.TryAcquireAsync(id, options.Value.LeaseDuration, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Not renewed, the lease runs out: stop now rather than keep a worker another instance may soon duplicate.
                logger.LogError(ex, "Connection {ConnectionId}: the lease could not be taken or renewed", id);
                held = false;
            }
            if (held && !_workers.ContainsKey(id))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var worker = services.GetRequiredService<ConnectionWorker>();
                _workers[id] = (Task.Run(() => worker.RunAsync(id, stop.Token), CancellationToken.None), stop);
            }
            else if (!held && _workers.TryGetValue(id, out var lost))
            {
                logger.LogWarning("Connection {ConnectionId}: this instance does not hold the lease now; stopping here", id);
                await lost.Stop.CancelAsync();
            }
        }
        // Paused or removed: stop their workers (a paused worker also stops by itself on its next round).
        foreach (var id in _workers.Keys.Where(id => !active.Contains(id)).ToList())
        {
            await _workers[id].Stop.CancelAsync();
        }
        foreach (var paused in connections.Where(c => c.IsPaused && c.State != Data.Entities.ConnectionState.Paused && !_workers.ContainsKey(c.Id)))
        {
            await services.GetRequiredService<ConnectionStatus>().SetStateAsync(paused.Id, Data.Entities.ConnectionState.Paused, stoppingToken);
        }
    }

    private async Task StopAllAsync()
    {
        foreach (var worker in _workers.Values)
        {
            await worker.Stop.CancelAsync();
        }
        foreach (var (id, worker) in _workers)
        {
            await worker.Task.ContinueWith(_ => { }, TaskScheduler.Default);
            worker.Stop.Dispose();
            await leases.ReleaseAsync(id);
        }
        _workers.Clear();
    }
}
