using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Hosting;

namespace Portal.Web.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers <c>IDbContextFactory&lt;PortalDbContext&gt;</c> for the configured provider, the call deletion engine and the erasure ledger.</summary>
    public static IHostApplicationBuilder AddPortalDatabase(this IHostApplicationBuilder builder)
    {
        var options = ValidatedOptions.Get(builder.Configuration, DatabaseOptions.Section, new DatabaseOptionsValidator(builder.Configuration));
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        builder.Services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqliteFile(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString, builder.Environment.ContentRootPath);
                builder.Services.AddPortalDbContext<SqlitePortalDbContext>(o => UseSqlite(o, sqlite));
                break;
            case DatabaseProvider.Postgres: // validated: with a connection string
                builder.Services.AddPortalDbContext<PostgresPortalDbContext>(o => o.UseNpgsql(connectionString!));
                break;
        }

        builder.Services.AddSingleton<CallStore.CallDeletionEngine>();
        builder.Services.AddSingleton<CallStore.ErasureLedger>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadyTag]);
        return builder;
    }

    /// <summary>The SQLite setup every portal context uses (also the benchmarks).</summary>
    public static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());

    private static void AddPortalDbContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : PortalDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<TContext>>();
        // Keys live in the database, so every instance (and every restart) reads the same cookies and secrets.
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<TContext>();
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder is created.</summary>
    internal static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is not (":memory:" or "") && csb.Mode != SqliteOpenMode.Memory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }

    private sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
        where TContext : PortalDbContext
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
