using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Audit;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// Connections declared in configuration (<c>Portal:Connections:&lt;n&gt;:Name</c>, <c>:Vendor</c>, ... see the README), applied at
/// startup after the migrations and before the server listens: upserted by name and marked managed by configuration
/// (settings and secrets from configuration win). Invalid entries are logged by name and field, never with a secret,
/// and skipped. A connection no longer declared goes back to being managed in the UI.
/// </summary>
internal sealed class ConfiguredConnections(
    IConfiguration configuration,
    IDbContextFactory<PortalDbContext> contexts,
    ConnectionSecretProtector secrets,
    AuditLog audit,
    SyncSignals signals,
    TimeProvider clock,
    ILogger<ConfiguredConnections> logger) : IHostedService
{
    public const string Section = "Portal:Connections";

    /// <summary>Who the audit log names for changes made from configuration.</summary>
    public static PortalUser ConfigurationUser { get; } = new("configuration", "configuration", [PortalRoles.Admin], []);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = Read(configuration.GetSection(Section));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Connections.ToListAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        foreach (var (key, draft) in declared)
        {
            var match = existing.FirstOrDefault(c => string.Equals(c.Name, draft.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (await ApplyAsync(db, key, draft, match, applied.Values, cancellationToken) is { } id)
            {
                applied[id] = draft.Name.Trim();
            }
        }
        foreach (var released in existing.Where(c => c.ManagedByConfiguration && !applied.ContainsKey(c.Id)))
        {
            released.ManagedByConfiguration = false;
            audit.Add(db, ConfigurationUser, "connection.update", released.Name, details: "no longer declared in configuration: managed in the UI");
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Connection {Name} is no longer declared in {Section}: it is now managed in the UI", released.Name, Section);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The declared entries, each with its configuration path (e.g. Portal:Connections:0).</summary>
    internal static List<(string Key, ConnectionDraft Draft)> Read(IConfigurationSection section) =>
        section.GetChildren().Select(entry =>
        {
            var vendor = Enum.TryParse<VendorKind>(entry["Vendor"], ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (VendorKind?)null;
            var draft = new ConnectionDraft
            {
                Vendor = vendor,
                Name = entry["Name"] ?? "",
                BaseUrl = entry["BaseUrl"] ?? "",
                PhoneRegion = entry["PhoneRegion"] ?? "DE",
                TimeZone = entry["TimeZone"],
                BackfillDays = Number(entry, "BackfillDays", 90),
                PollIntervalSeconds = Number(entry, "PollIntervalSeconds", 60),
            };
            foreach (var secret in vendor is null ? [] : VendorCatalog.For(vendor.Value).Secrets)
            {
                draft.Secrets[secret.Name] = entry[secret.Name];
            }
            return (entry.Path, draft);
        }).ToList();

    /// <summary>An unreadable number becomes -1, which the validation reports for its field.</summary>
    private static int Number(IConfigurationSection entry, string key, int fallback) =>
        entry[key] is not { } text ? fallback : int.TryParse(text, out var value) ? value : -1;

    private async Task<int?> ApplyAsync(PortalDbContext db, string key, ConnectionDraft draft, Connection? match, IEnumerable<string> appliedNames,
        CancellationToken cancellationToken)
    {
        var validation = ConnectionValidation.Validate(draft, appliedNames, []);
        if (!validation.IsValid)
        {
            foreach (var (field, message) in validation.Errors)
            {
                logger.LogError("Configured connection {Key} ({Name}) is skipped: {Field}: {Message}", key, draft.Name, field, message);
            }
            return null;
        }

        var declaredSecrets = draft.MergeSecrets(new Dictionary<string, string>());
        if (match is { ManagedByConfiguration: true } && Same(ConnectionDraft.From(match), draft)
            && Same(secrets.UnprotectOrEmpty(match.ProtectedSecrets), declaredSecrets))
        {
            return match.Id; // as declared last time
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var connection = match ?? db.Connections.Add(new Connection { Name = "", BaseUrl = "", CreatedAtUtc = now }).Entity;
        draft.ApplyTo(connection);
        connection.ManagedByConfiguration = true;
        connection.ProtectedSecrets = secrets.Protect(declaredSecrets);
        connection.UpdatedAtUtc = now;
        audit.Add(db, ConfigurationUser, match is null ? "connection.add" : "connection.update", connection.Name,
            details: $"declared in configuration ({key}); secrets set: {string.Join(", ", declaredSecrets.Keys.Order())}");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Configured connection {Name} ({Vendor}) applied from {Key}", connection.Name, connection.Vendor, key);
        signals.Wake(connection.Id);
        return connection.Id;
    }

    private static bool Same(ConnectionDraft stored, ConnectionDraft declared)
    {
        var normalized = new Connection { Name = "", BaseUrl = "" };
        declared.ApplyTo(normalized);
        return (stored.Vendor, stored.Name, stored.BaseUrl, stored.PhoneRegion, stored.TimeZone, stored.PollIntervalSeconds, stored.BackfillDays)
            == (normalized.Vendor, normalized.Name, normalized.BaseUrl, normalized.PhoneRegion, normalized.TimeZone, normalized.PollIntervalSeconds,
                normalized.BackfillDays);
    }

    private static bool Same(IReadOnlyDictionary<string, string> stored, Dictionary<string, string> declared) =>
        stored.Count == declared.Count && declared.All(s => stored.TryGetValue(s.Key, out var value) && value == s.Value);
}
