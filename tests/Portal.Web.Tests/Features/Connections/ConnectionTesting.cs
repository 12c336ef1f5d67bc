using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Users, drafts against the in-process sandbox, and direct looks into the database.</summary>
internal static class ConnectionTesting
{
    public static readonly PortalUser Admin = new("dev-admin", "Alex Admin", [PortalRoles.Admin], []);
    public static readonly PortalUser Supervisor = new("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);

    public static ConnectionService Connections(this PortalAppFactory portal) => portal.Services.GetRequiredService<ConnectionService>();

    public static ConnectionDraft WebFonesDraft(this PortalAppFactory portal, string name, string apiKey = WebFonesSandbox.ApiKey) => new()
    {
        Vendor = VendorKind.WebFones,
        Name = name,
        BaseUrl = new Uri(portal.BaseAddress, WebFonesSandbox.BasePath).ToString(),
        PhoneRegion = WebFonesSandbox.PhoneRegion,
        TimeZone = WebFonesSandbox.TimeZone,
        Secrets = { [VendorSecrets.ApiKey] = apiKey },
    };

    public static ConnectionDraft UnpodDraft(this PortalAppFactory portal, string name, string orgHandle = UnpodSandbox.OrgHandle) => new()
    {
        Vendor = VendorKind.Unpod,
        Name = name,
        BaseUrl = new Uri(portal.BaseAddress, UnpodSandbox.BasePath).ToString(),
        Secrets = { [VendorSecrets.Token] = UnpodSandbox.Token, [VendorSecrets.OrgHandle] = orgHandle },
    };

    /// <summary>An NFON Call History connection saved for "Connect with NFON" (no credentials yet).</summary>
    public static ConnectionDraft NfonDraft(this PortalAppFactory portal, string name) => new()
    {
        Vendor = VendorKind.NfonCallHistory,
        Name = name,
        BaseUrl = new Uri(portal.BaseAddress, NfonCallHistorySandbox.BasePath).ToString(),
        CredentialsFromOAuth = true,
    };

    public static async Task<T> QueryAsync<T>(this PortalAppFactory portal, Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static Task<Connection?> ConnectionAsync(this PortalAppFactory portal, int id) =>
        portal.QueryAsync(db => db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    public static Task<List<AuditEntry>> AuditAsync(this PortalAppFactory portal, string target) =>
        portal.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Target == target).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The secrets as stored, decrypted.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> StoredSecretsAsync(this PortalAppFactory portal, int id) =>
        portal.Services.GetRequiredService<ConnectionSecretProtector>().Unprotect((await portal.ConnectionAsync(id))!.ProtectedSecrets);

    /// <summary>The ProtectedSecrets column as the database file holds it.</summary>
    public static async Task<string> RawSecretsColumnAsync(this PortalAppFactory portal, int id)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ProtectedSecrets FROM Connections WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";
}
