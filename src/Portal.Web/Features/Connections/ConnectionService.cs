using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Audit;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// Vendor connections for administrators: list with sync status, add, edit, pause, resume, remove, test, sync now and
/// re-sync from a date. Every method checks the user on the server. Every change writes its audit entry in the same
/// transaction (never with a secret); every test is audited; every refusal goes to the security log, and a refused change
/// or test also to the audit log, marked refused. Secrets are encrypted at rest and never returned: callers only learn which
/// secret names are set. Stored secrets are bound to the origin of the base URL (<see cref="ConnectionOrigin"/>).
/// </summary>
public sealed class ConnectionService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectionSecretProtector secrets,
    ConnectionTester tester,
    SyncSignals signals,
    IConnectionRemovals removals,
    AuditLog audit,
    SecurityLog security,
    TimeProvider clock)
{
    public const string TestAction = "connection.test";
    public const string NfonConnectAction = "connection.nfon-connect";
    /// <summary>The target of a refused list.</summary>
    public const string AllConnections = "all connections";

    public Task<IReadOnlyList<ConnectionRow>> ListAsync(PortalUser user, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.list", null, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await Rows(db, db.Connections).ToListAsync(cancellationToken);
            var removing = await removals.UnfinishedAsync(cancellationToken);
            return (IReadOnlyList<ConnectionRow>)rows.Select(r => r with { RemovalJobId = removing.TryGetValue(r.Id, out var job) ? job : null }).ToList();
        }, AllConnections);

    public Task<ConnectionDetails?> GetAsync(PortalUser user, int id, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.read", id, change: false, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (connection is null)
            {
                return null;
            }
            var row = await Rows(db, db.Connections.Where(c => c.Id == id)).SingleAsync(cancellationToken);
            return new ConnectionDetails(row, ConnectionDraft.From(connection), StoredSecretNames(connection));
        });

    public Task<int> AddAsync(PortalUser user, ConnectionDraft draft, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.add", null, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await ValidateAsync(db, draft, null, [], null, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var connection = new Connection { Name = "", BaseUrl = "", CreatedAtUtc = now, UpdatedAtUtc = now };
            draft.ApplyTo(connection);
            connection.ProtectedSecrets = secrets.Protect(draft.MergeSecrets(new Dictionary<string, string>()));
            db.Connections.Add(connection);
            audit.Add(db, user, "connection.add", connection.Name,
                details: $"{VendorCatalog.Label(connection.Vendor)} at {connection.BaseUrl}; secrets set: {Names(draft.EnteredSecretNames)}");
            await SaveAsync(db, connection.Name, cancellationToken);
            signals.Wake(connection.Id);
            return connection.Id;
        }, draft.Name);

    /// <summary>
    /// Saves the settings. Secret fields left empty keep their stored values, unless the base URL moves to another origin:
    /// then every credential must be entered again, and the stored ones are dropped (replaced, never merged).
    /// </summary>
    public Task UpdateAsync(PortalUser user, int id, ConnectionDraft draft, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.update", id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindEditableAsync(db, id, cancellationToken);
            if (draft.Vendor != connection.Vendor)
            {
                throw new ConnectionChangeRefusedException("The vendor of a connection cannot change: add a new connection instead.");
            }
            var originChanged = ConnectionOrigin.Changed(connection.BaseUrl, draft.BaseUrl);
            var stored = originChanged ? new Dictionary<string, string>() : secrets.UnprotectOrEmpty(connection.ProtectedSecrets);
            await ValidateAsync(db, draft, id, stored.Keys.ToList(), connection.BaseUrl, cancellationToken);
            var before = ConnectionDraft.From(connection);
            draft.ApplyTo(connection);
            connection.ProtectedSecrets = secrets.Protect(draft.MergeSecrets(stored));
            connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, user, "connection.update", connection.Name,
                details: Changes(before, draft) + (originChanged ? $"; moved from {ConnectionOrigin.Of(before.BaseUrl)}: stored secrets dropped" : ""));
            await SaveAsync(db, connection.Name, cancellationToken);
            signals.Wake(id);
            return true;
        });

    public Task PauseAsync(PortalUser user, int id, CancellationToken cancellationToken = default) => SetPausedAsync(user, id, true, cancellationToken);

    public Task ResumeAsync(PortalUser user, int id, CancellationToken cancellationToken = default) => SetPausedAsync(user, id, false, cancellationToken);

    /// <summary>
    /// Removes the connection with everything stored for it (calls, rollups, cursors, tombstones). Without calls it goes at
    /// once (returns null); with calls it is paused and a deletion job deletes them in batches, then removes it (returns the
    /// job's id: <see cref="IConnectionRemovals"/>).
    /// </summary>
    public Task<long?> RemoveAsync(PortalUser user, int id, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.remove", id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindEditableAsync(db, id, cancellationToken);
            if (await db.Calls.AnyAsync(c => c.ConnectionId == id, cancellationToken))
            {
                try
                {
                    var jobId = await removals.StartAsync(user, id, cancellationToken);
                    signals.Wake(id);
                    return (long?)jobId;
                }
                catch (ConnectionRemovalRefusedException ex)
                {
                    throw new ConnectionChangeRefusedException(ex.Message);
                }
            }
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await db.CallTombstones.Where(t => t.ConnectionId == id).ExecuteDeleteAsync(cancellationToken);
                db.Connections.Remove(connection);
                audit.Add(db, user, "connection.remove", connection.Name, rowCount: 0);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            signals.Wake(id);
            return null;
        });

    /// <summary>Tests the stored settings (audited); null when the vendor accepted them, otherwise what is wrong.</summary>
    public Task<VendorError?> TestAsync(PortalUser user, int id, CancellationToken cancellationToken = default) =>
        RunAsync(user, TestAction, id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindAsync(db, id, cancellationToken);
            var draft = ConnectionDraft.From(connection);
            var result = await tester.TestAsync(draft, () => secrets.Unprotect(connection.ProtectedSecrets), cancellationToken);
            await AuditTestAsync(user, connection.Name, draft, result);
            return result;
        });

    /// <summary>
    /// Tests settings before they are saved (audited). When editing (<paramref name="id"/>), empty secrets use the stored ones only
    /// while the base URL stays on the stored origin; on another origin only the secrets typed into the form are sent (the stored
    /// ones are not even decrypted). A connection managed by configuration is only tested at its configured address.
    /// </summary>
    public Task<VendorError?> TestAsync(PortalUser user, ConnectionDraft draft, int? id, CancellationToken cancellationToken = default) =>
        RunAsync(user, TestAction, id, change: true, async () =>
        {
            string? stored = null;
            string? storedBaseUrl = null;
            var target = draft.Name.Trim();
            if (id is { } existing)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var connection = await FindAsync(db, existing, cancellationToken);
                target = connection.Name;
                if (connection.ManagedByConfiguration && draft.BaseUrl.Trim() != connection.BaseUrl)
                {
                    throw new ConnectionChangeRefusedException(
                        $"\"{connection.Name}\" is managed by configuration (Portal:Connections): it is only tested at its configured address.");
                }
                storedBaseUrl = connection.BaseUrl;
                stored = ConnectionOrigin.Changed(connection.BaseUrl, draft.BaseUrl) ? null : connection.ProtectedSecrets;
            }
            var result = MissingCredentials(draft, storedBaseUrl)
                ?? await tester.TestAsync(draft, () => secrets.Unprotect(stored), cancellationToken);
            await AuditTestAsync(user, target, draft, result);
            return result;
        }, draft.Name);

    public Task SyncNowAsync(PortalUser user, int id, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.sync-now", id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindAsync(db, id, cancellationToken);
            await audit.WriteAsync(user, "connection.sync-now", connection.Name, cancellationToken: cancellationToken); // nothing is stored
            signals.Wake(id);
            return true;
        });

    /// <summary>Moves the records cursor back to <paramref name="fromUtc"/>: the next sync reads everything since then again.</summary>
    public Task ResyncFromAsync(PortalUser user, int id, DateTime fromUtc, CancellationToken cancellationToken = default) =>
        RunAsync(user, "connection.resync", id, change: true, async () =>
        {
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
            audit.Add(db, user, "connection.resync", connection.Name, filter: $"from {fromUtc:yyyy-MM-dd HH:mm} UTC");
            await db.SaveChangesAsync(cancellationToken);
            signals.Wake(id);
            return true;
        });

    /// <summary>Stores the credentials "Connect with NFON" obtained (replacing a static access token).</summary>
    internal Task StoreNfonOAuthAsync(PortalUser user, int id, string refreshToken, string tokenUrl, string clientId, CancellationToken cancellationToken) =>
        RunAsync(user, NfonConnectAction, id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindEditableAsync(db, id, cancellationToken);
            var stored = secrets.UnprotectOrEmpty(connection.ProtectedSecrets).Where(s => s.Key != VendorSecrets.AccessToken).ToDictionary();
            stored[VendorSecrets.RefreshToken] = refreshToken;
            stored[VendorSecrets.TokenUrl] = tokenUrl;
            stored[VendorSecrets.ClientId] = clientId;
            connection.ProtectedSecrets = secrets.Protect(stored);
            connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, user, NfonConnectAction, connection.Name, details: $"OAuth client {clientId} at {tokenUrl}");
            await db.SaveChangesAsync(cancellationToken);
            signals.Wake(id);
            return true;
        });

    /// <summary>The connection for "Connect with NFON", refused when it is not an editable NFON Call History connection.</summary>
    internal Task<Connection> FindForNfonConnectAsync(PortalUser user, int id, CancellationToken cancellationToken) =>
        RunAsync(user, NfonConnectAction, id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindEditableAsync(db, id, cancellationToken);
            return connection.Vendor == Telephony.Calls.VendorKind.NfonCallHistory
                ? connection
                : throw new ConnectionChangeRefusedException($"\"{connection.Name}\" is not an NFON Call History connection.");
        });

    private Task SetPausedAsync(PortalUser user, int id, bool paused, CancellationToken cancellationToken) =>
        RunAsync(user, paused ? "connection.pause" : "connection.resume", id, change: true, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = await FindAsync(db, id, cancellationToken);
            if (!paused && (await removals.UnfinishedAsync(cancellationToken)).TryGetValue(id, out var removalJob))
            {
                throw new ConnectionChangeRefusedException($"\"{connection.Name}\" is being removed by deletion job {removalJob}: it cannot be resumed.");
            }
            connection.IsPaused = paused;
            connection.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(db, user, paused ? "connection.pause" : "connection.resume", connection.Name);
            await db.SaveChangesAsync(cancellationToken);
            signals.Wake(id);
            return true;
        });

    /// <summary>
    /// Runs one action for an administrator. A refusal (not an administrator, or a change the rules refuse) is written to the
    /// security log, and for changes and tests also to the audit log marked refused, before it goes on to the caller.
    /// </summary>
    /// <param name="name">The target's name when there is no stored connection yet (adding, testing a new draft).</param>
    private async Task<T> RunAsync<T>(PortalUser user, string action, int? id, bool change, Func<Task<T>> body, string? name = null)
    {
        try
        {
            if (!user.IsAdmin)
            {
                throw new UnauthorizedAccessException("Only administrators may manage vendor connections.");
            }
            return await body();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or ConnectionChangeRefusedException)
        {
            var target = id is { } existing ? await NameAsync(existing) : name?.Trim();
            if (change)
            {
                await audit.RefusedAsync(user, action, target, ex.Message);
            }
            else
            {
                security.Refused(user, action, target, ex.Message);
            }
            throw;
        }
    }

    private async Task<string> NameAsync(int id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Connections.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync() ?? $"connection {id}";
    }

    /// <summary>The test's audit entry: where it went (the origin, never a secret) and what came of it.</summary>
    private Task AuditTestAsync(PortalUser user, string target, ConnectionDraft draft, VendorError? result) =>
        audit.WriteAsync(user, TestAction, target,
            details: $"tested {ConnectionOrigin.Of(draft.BaseUrl) ?? "an invalid address"}: {(result is null ? "the vendor accepted the settings" : result.Message)}");

    /// <summary>A test on another origin than the stored one without every credential typed in: what is missing, in words.</summary>
    private static VendorError? MissingCredentials(ConnectionDraft draft, string? storedBaseUrl)
    {
        if (storedBaseUrl is null || draft.Vendor is not { } vendor || !ConnectionOrigin.Changed(storedBaseUrl, draft.BaseUrl))
        {
            return null;
        }
        var missing = ConnectionValidation.Validate(draft, [], [], storedBaseUrl).Errors
            .Where(e => e.Key.StartsWith(ConnectionValidation.SecretKey(""), StringComparison.Ordinal)).Select(e => e.Value).ToList();
        return missing.Count == 0 ? null : new VendorError(vendor, VendorErrorKind.Configuration, string.Join(" ", missing));
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
        string? storedBaseUrl, CancellationToken cancellationToken)
    {
        var taken = await db.Connections.Where(c => c.Id != id).Select(c => c.Name).ToListAsync(cancellationToken);
        var validation = ConnectionValidation.Validate(draft, taken, storedSecretNames, storedBaseUrl);
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
