using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Web.Data;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Tests;

/// <summary>
/// A host with only the portal's database (a fresh SQLite file, or a fresh database on the PostgreSQL server of
/// PORTAL_TEST_POSTGRES) and the ingest path: for tests of what is written, on both databases.
/// </summary>
public static class DatabaseHost
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    public static async Task<IHost> StartAsync(string provider, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (provider == "Postgres")
        {
            var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL).");
            settings["ConnectionStrings:Portal"] = await PostgresDatabases.CreateAsync(server);
        }
        else
        {
            settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("portal-ingest-").FullName, "portal.db")}";
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalDatabase();
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<CallIngestor>();
        var host = builder.Build();
        await host.Services.InitializePortalDatabaseAsync();
        return host;
    }
}
