using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Audit;
using Portal.Web.Hosting;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// A first run with the sandbox: when the database has no connection at all, one connection per vendor to the
/// in-process sandbox (its own address, once the server listens), so a newcomer sees data within a minute. They are
/// ordinary connections: editable and removable. Off with <c>Portal:SeedSandboxConnections=false</c>.
/// </summary>
internal sealed class SandboxConnectionSeeder(
    IConfiguration configuration,
    IHostEnvironment environment,
    IServer server,
    IHostApplicationLifetime lifetime,
    IDbContextFactory<PortalDbContext> contexts,
    ConnectionSecretProtector secrets,
    AuditLog audit,
    SyncSignals signals,
    TimeProvider clock,
    ILogger<SandboxConnectionSeeder> logger) : BackgroundService
{
    public const string SwitchKey = "Portal:SeedSandboxConnections";

    public static PortalUser SeedUser { get; } = new("sandbox-seed", "first run with the sandbox", [PortalRoles.Admin], []);

    /// <summary>Each vendor's sandbox account (README "Sandbox").</summary>
    internal static readonly (VendorKind Vendor, string Region, string? TimeZone, Dictionary<string, string> Secrets)[] Accounts =
    [
        (VendorKind.NfonCallHistory, "DE", null, new() { [VendorSecrets.AccessToken] = NfonCallHistorySandbox.StaticAccessToken }),
        (VendorKind.NfonCti, "DE", null, new() { [VendorSecrets.Username] = NfonCtiSandbox.Username, [VendorSecrets.Password] = NfonCtiSandbox.Password }),
        (VendorKind.WebFones, WebFonesSandbox.PhoneRegion, WebFonesSandbox.TimeZone, new() { [VendorSecrets.ApiKey] = WebFonesSandbox.ApiKey }),
        (VendorKind.Cinnox, "DE", null, new() { [VendorSecrets.AppId] = CinnoxSandbox.AppId, [VendorSecrets.AppToken] = CinnoxSandbox.AppToken }),
        (VendorKind.Unpod, "DE", null, new()
        {
            [VendorSecrets.Token] = UnpodSandbox.Token, [VendorSecrets.OrgHandle] = UnpodSandbox.OrgHandle, [VendorSecrets.ProductId] = UnpodSandbox.ProductId,
        }),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!SandboxHosting.IsSandboxEnabled(configuration, environment) || !configuration.GetValue(SwitchKey, true))
        {
            return;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        if (ServerBaseAddress.Find(server) is not { } address)
        {
            logger.LogWarning("The sandbox connections are not created: the server's address is unknown");
            return;
        }
        await SeedAsync(address, stoppingToken);
    }

    /// <summary>Creates the five sandbox connections when there is no connection yet; returns how many it created.</summary>
    internal async Task<int> SeedAsync(string serverAddress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Connections.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await SeedTeamsAsync(db, now, cancellationToken);
        var connections = Accounts.Select(account => new Connection
        {
            Name = $"{VendorCatalog.Label(account.Vendor)} (sandbox)",
            Vendor = account.Vendor,
            BaseUrl = VendorCatalog.SuggestedBaseUrl(account.Vendor, serverAddress),
            PhoneRegion = account.Region,
            TimeZone = account.TimeZone,
            ProtectedSecrets = secrets.Protect(account.Secrets),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        }).ToList();
        db.Connections.AddRange(connections);
        foreach (var connection in connections)
        {
            audit.Add(db, SeedUser, "connection.add", connection.Name, details: $"sandbox at {connection.BaseUrl}");
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "The sandbox connections were not created: another instance created connections meanwhile");
            return 0;
        }
        foreach (var connection in connections)
        {
            signals.Wake(connection.Id);
        }
        logger.LogInformation("Created {Count} connections to the sandbox at {Address}", connections.Count, serverAddress);
        return connections.Count;
    }

    /// <summary>The sandbox company's teams and their extensions, so team-limited supervisors (teamlead) see their team.</summary>
    private static async Task SeedTeamsAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Teams.AnyAsync(cancellationToken))
        {
            return;
        }
        var known = await db.Extensions.ToDictionaryAsync(e => e.Number, cancellationToken);
        var teams = Portal.Sandbox.Company.SandboxCompany.Teams.ToDictionary(t => t.Key, t => new Team { Key = t.Key, Name = t.Name });
        foreach (var member in Portal.Sandbox.Company.SandboxCompany.Extensions)
        {
            if (!known.TryGetValue(member.Number, out var extension))
            {
                extension = new Extension { Number = member.Number, Name = member.Name, UpdatedAtUtc = now };
                db.Extensions.Add(extension);
            }
            extension.Teams.Add(teams[member.TeamKey]);
        }
        db.Teams.AddRange(teams.Values);
    }
}
