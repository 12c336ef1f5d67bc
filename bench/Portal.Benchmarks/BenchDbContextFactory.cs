using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Benchmarks;

/// <summary>Contexts on one SQLite file, set up as the portal sets them up.</summary>
internal sealed class BenchDbContextFactory(string connectionString, bool logCommands = false) : IDbContextFactory<PortalDbContext>
{
    private readonly DbContextOptions<SqlitePortalDbContext> _options = Options(connectionString, logCommands);

    private static DbContextOptions<SqlitePortalDbContext> Options(string connectionString, bool logCommands)
    {
        var builder = (DbContextOptionsBuilder<SqlitePortalDbContext>)DatabaseServiceCollectionExtensions.UseSqlite(
            new DbContextOptionsBuilder<SqlitePortalDbContext>(), connectionString);
        if (logCommands)
        {
            builder.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        }
        return builder.Options;
    }

    public PortalDbContext CreateDbContext() => new SqlitePortalDbContext(_options);
}
