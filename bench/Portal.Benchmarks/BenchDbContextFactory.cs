using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Benchmarks;

/// <summary>Contexts on one SQLite file, set up as the portal sets them up.</summary>
internal sealed class BenchDbContextFactory(string connectionString) : IDbContextFactory<PortalDbContext>
{
    private readonly DbContextOptions<SqlitePortalDbContext> _options =
        ((DbContextOptionsBuilder<SqlitePortalDbContext>)DatabaseServiceCollectionExtensions.UseSqlite(
            new DbContextOptionsBuilder<SqlitePortalDbContext>(), connectionString)).Options;

    public PortalDbContext CreateDbContext() => new SqlitePortalDbContext(_options);
}
