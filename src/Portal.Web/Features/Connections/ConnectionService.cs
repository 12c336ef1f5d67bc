using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Audit;
using Portal.Web.Features.Sync;

namespace Portal.Web.Features.Connections;

/// <summary>
/// Vendor connections for administrators: list with sync status, add, edit, pause, resume, remove, test, sync now and
/// re-sync from a date. Every method checks the user on the server; every change is audited (never with a secret).
/// Secrets are encrypted at rest and never returned: callers only learn which secret names are set.
/// </summary>
public sealed class ConnectionService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectionSecretProtector secrets,
    ConnectionTester tester,
    SyncSignals signals,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ConnectionRow>> ListAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Connections).ToListAsync(cancellationToken);
    }

    public async Task<ConnectionDetails?> GetAsync(PortalUser user, int id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null)
        {
            return null;
        }
        var row = await Rows(db, db.Connections.Where(c => c.Id == id)).SingleAsync(cancellationToken);
        return new ConnectionDetails(row, ConnectionDraft.From(connection), StoredSecretNames(connection));
    }

    public async Task<int> AddAsync(PortalUser user, ConnectionDraft draft, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, draft, null, [], cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var connection = new Connection { Name = "", BaseUrl = "", CreatedAtUtc = now, UpdatedAtUtc = now };
        draft.ApplyTo(connection);
        connection.ProtectedSecrets = secrets.Protect(draft.MergeSecrets(new Dictionary<string, string>()));
        db.Connections.Add(connection);
        await SaveAsync(db, connection.Name, cancellationToken);
        await audit.WriteAsync(user, "connection.add", connection.Name,
            details: $"{VendorCatalog.Label(connection.Vendor)} at {connection.BaseUrl}; secrets set: {Names(draft.EnteredSecretNames)}", cancellationToken: cancellationToken);
        signals.Wake(connection.Id);
        return connection.Id;
    }

    /// <summary>Saves the settings; secret fields left empty keep their stored values.</summary>
    public async Task UpdateAsync(PortalUser user, int id, ConnectionDraft draft, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindEditableAsync(db, id, cancellationToken);
        if (draft.Vendor != connection.Vendor)
        {
            throw new ConnectionChangeRefusedException("The vendor of a connection cannot change: add a new connection instead.");
        }
        var stored = secrets.UnprotectOrEmpty(connection.ProtectedSecrets);
        await ValidateAsync(db, draft, id, stored.Keys.ToList(), cancellationToken);
        var before = ConnectionDraft.From(connection);
        draft.ApplyTo(connection);
        connection.ProtectedSecrets = secrets.Protect(draft.MergeSecrets(stored));
        connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, connection.Name, cancellationToken);
        await audit.WriteAsync(user, "connection.update", connection.Name, details: Changes(before, draft), cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    public Task PauseAsync(PortalUser user, int id, CancellationToken cancellationToken = default) => SetPausedAsync(user, id, true, cancellationToken);

    public Task ResumeAsync(PortalUser user, int id, CancellationToken cancellationToken = default) => SetPausedAsync(user, id, false, cancellationToken);

    /// <summary>Removes the connection with everything stored for it (calls, rollups, cursors, tombstones).</summary>
    public async Task RemoveAsync(PortalUser user, int id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindEditableAsync(db, id, cancellationToken);
        var calls = await db.Calls.LongCountAsync(c => c.ConnectionId == id, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.CallTombstones.Where(t => t.ConnectionId == id).ExecuteDeleteAsync(cancellationToken);
            db.Connections.Remove(connection);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await audit.WriteAsync(user, "connection.remove", connection.Name, rowCount: calls, cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    /// <summary>Tests the stored settings; null when the vendor accepted them, otherwise what is wrong.</summary>
    public async Task<VendorError?> TestAsync(PortalUser user, int id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindAsync(db, id, cancellationToken);
        return await tester.TestAsync(ConnectionDraft.From(connection), () => secrets.Unprotect(connection.ProtectedSecrets), cancellationToken);
    }

    /// <summary>Tests settings before they are saved; when editing (<paramref name="id"/>), empty secrets use the stored ones.</summary>
    public async Task<VendorError?> TestAsync(PortalUser user, ConnectionDraft draft, int? id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        string? stored = null;
        if (id is { } existing)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            stored = (await FindAsync(db, existing, cancellationToken)).ProtectedSecrets;
        }
        return await tester.TestAsync(draft, () => secrets.Unprotect(stored), cancellationToken);
    }

    public async Task SyncNowAsync(PortalUser user, int id, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindAsync(db, id, cancellationToken);
        await audit.WriteAsync(user, "connection.sync-now", connection.Name, cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    /// <summary>Moves the records cursor back to <paramref name="fromUtc"/>: the next sync reads everything since then again.</summary>
    public async Task ResyncFromAsync(PortalUser user, int id, DateTime fromUtc, CancellationToken cancellationToken = default)
    {
        RequireAdmin(user);
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var now = clock.GetUtcNow().UtcDateTime;
        if (fromUtc > now)
        {
            throw new ConnectionChangeRefusedException("A re-sync starts in the past: choose a date before today.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindAsync(db, id, cancellationToken);
        var cursor = await db.SyncCursors.FirstOrDefaultAsync(c => c.ConnectionId == id && c.Stream == SyncStreams.Records, cancellationToken);
        if (cursor is null)
        {
            cursor = new SyncCursor { ConnectionId = id, Stream = SyncStreams.Records };
            db.SyncCursors.Add(cursor);
        }
        cursor.WatermarkUtc = fromUtc;
        cursor.Position = null; // a vendor position belongs to the old watermark
        cursor.UpdatedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, "connection.resync", connection.Name, filter: $"from {fromUtc:yyyy-MM-dd HH:mm} UTC", cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    /// <summary>Stores the credentials "Connect with NFON" obtained (replacing a static access token).</summary>
    internal async Task StoreNfonOAuthAsync(PortalUser user, int id, string refreshToken, string tokenUrl, string clientId, CancellationToken cancellationToken)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindEditableAsync(db, id, cancellationToken);
        var stored = secrets.UnprotectOrEmpty(connection.ProtectedSecrets).Where(s => s.Key != VendorSecrets.AccessToken).ToDictionary();
        stored[VendorSecrets.RefreshToken] = refreshToken;
        stored[VendorSecrets.TokenUrl] = tokenUrl;
        stored[VendorSecrets.ClientId] = clientId;
        connection.ProtectedSecrets = secrets.Protect(stored);
        connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, "connection.nfon-connect", connection.Name, details: $"OAuth client {clientId} at {tokenUrl}", cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    /// <summary>The connection for "Connect with NFON", refused when it is not an editable NFON Call History connection.</summary>
    internal async Task<Connection> FindForNfonConnectAsync(PortalUser user, int id, CancellationToken cancellationToken)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindEditableAsync(db, id, cancellationToken);
        return connection.Vendor == Telephony.Calls.VendorKind.NfonCallHistory
            ? connection
            : throw new ConnectionChangeRefusedException($"\"{connection.Name}\" is not an NFON Call History connection.");
    }

    private async Task SetPausedAsync(PortalUser user, int id, bool paused, CancellationToken cancellationToken)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await FindAsync(db, id, cancellationToken);
        connection.IsPaused = paused;
        connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(user, paused ? "connection.pause" : "connection.resume", connection.Name, cancellationToken: cancellationToken);
        signals.Wake(id);
    }

    private static void RequireAdmin(PortalUser user)
    {
        if (!user.IsAdmin)
        {
            throw new UnauthorizedAccessException("Only administrators may manage vendor connections.");
        }
    }

    private static async Task<Connection> FindAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new ConnectionChangeRefusedException("The connection no longer exists.");

    private static async Task<Connection> FindEditableAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(db, id, cancellationToken);
        return connection.ManagedByConfiguration
            ? throw new ConnectionChangeRefusedException(
                $"\"{connection.Name}\" is managed by configuration (Portal:Connections): change or remove it there and restart the portal.")
            : connection;
    }

    private static async Task ValidateAsync(PortalDbContext db, ConnectionDraft draft, int? id, IReadOnlyCollection<string> storedSecretNames,
        CancellationToken cancellationToken)
    {
        var taken = await db.Connections.Where(c => c.Id != id).Select(c => c.Name).ToListAsync(cancellationToken);
        var validation = ConnectionValidation.Validate(draft, taken, storedSecretNames);
        if (!validation.IsValid)
        {
            throw new ConnectionChangeRefusedException(validation.Summary, validation);
        }
    }

    private static async Task SaveAsync(PortalDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            throw new ConnectionChangeRefusedException($"The connection \"{name}\" could not be saved: is the name already used? ({ex.InnerException?.Message ?? ex.Message})");
        }
    }

    private IReadOnlySet<string> StoredSecretNames(Connection connection) => secrets.UnprotectOrEmpty(connection.ProtectedSecrets).Keys.ToHashSet();

    private static IQueryable<ConnectionRow> Rows(PortalDbContext db, IQueryable<Connection> connections) =>
        connections.OrderBy(c => c.Name).Select(c => new ConnectionRow(
            c.Id, c.Name, c.Vendor, c.BaseUrl, c.State, c.IsPaused, c.ManagedByConfiguration,
            c.LastSuccessAtUtc, c.LastErrorAtUtc, c.LastError, c.ConsecutiveErrors, c.SkippedRecords, c.UnknownValues,
            db.Calls.LongCount(call => call.ConnectionId == c.Id),
            db.SyncCursors.Where(s => s.ConnectionId == c.Id && s.Stream == SyncStreams.Records).Select(s => s.WatermarkUtc).FirstOrDefault()));

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order()) : "none";

    /// <summary>Which settings changed, and which secrets were replaced (names only).</summary>
    private static string Changes(ConnectionDraft before, ConnectionDraft after)
    {
        var changed = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                changed.Add(name);
            }
        }
        Compare(nameof(before.Name), before.Name, after.Name.Trim());
        Compare(nameof(before.BaseUrl), before.BaseUrl, after.BaseUrl.Trim());
        Compare(nameof(before.PhoneRegion), before.PhoneRegion, after.PhoneRegion.Trim().ToUpperInvariant());
        Compare(nameof(before.TimeZone), before.TimeZone, string.IsNullOrWhiteSpace(after.TimeZone) ? null : after.TimeZone.Trim());
        Compare(nameof(before.PollIntervalSeconds), before.PollIntervalSeconds, after.PollIntervalSeconds);
        Compare(nameof(before.BackfillDays), before.BackfillDays, after.BackfillDays);
        return $"changed: {Names(changed)}; secrets replaced: {Names(after.EnteredSecretNames)}";
    }
}
