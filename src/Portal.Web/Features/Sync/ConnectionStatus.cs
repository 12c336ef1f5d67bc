using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Hosting;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Features.Sync;

/// <summary>Writes a connection's sync status (state, last success, counters, last error in words).</summary>
public sealed class ConnectionStatus(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public Task SetStateAsync(int connectionId, ConnectionState state, CancellationToken cancellationToken) =>
        UpdateAsync(connectionId, s => s.SetProperty(c => c.State, state), cancellationToken);

    public Task AddProgressAsync(int connectionId, IngestResult result, CancellationToken cancellationToken) =>
        result.NewlySkipped == 0 && result.InsertedUnknown == 0
            ? Task.CompletedTask
            : UpdateAsync(connectionId, s => s
                .SetProperty(c => c.SkippedRecords, c => c.SkippedRecords + result.NewlySkipped)
                .SetProperty(c => c.UnknownValues, c => c.UnknownValues + result.InsertedUnknown), cancellationToken);

    public Task SucceededAsync(int connectionId, ConnectionState state, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return UpdateAsync(connectionId, s => s.SetProperty(c => c.State, state).SetProperty(c => c.LastSuccessAtUtc, now)
            .SetProperty(c => c.ConsecutiveErrors, 0), cancellationToken);
    }

    public Task FailedAsync(int connectionId, string message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var text = TextClip.ToLength(message, 2000);
        return UpdateAsync(connectionId, s => s.SetProperty(c => c.State, ConnectionState.Failing).SetProperty(c => c.LastError, text)
            .SetProperty(c => c.LastErrorAtUtc, now).SetProperty(c => c.ConsecutiveErrors, c => c.ConsecutiveErrors + 1), cancellationToken);
    }

    private async Task UpdateAsync(int connectionId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Connection>> setters, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Connections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(setters, cancellationToken);
    }
}
