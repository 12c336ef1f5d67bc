using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Web.Data;

/// <summary>
/// Per-connection SQLite settings: with WAL, synchronous=NORMAL is durable across crashes of the process (not of the
/// OS mid-commit) and makes each commit far cheaper; busy_timeout lets writers wait for each other.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
