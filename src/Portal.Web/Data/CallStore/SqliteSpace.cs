using Microsoft.EntityFrameworkCore;

namespace Portal.Web.Data.CallStore;

/// <summary>Space given back to the file system by an incremental vacuum (SQLite); <see cref="Note"/> says why none was.</summary>
public sealed record SpaceReclaimed(long BytesBefore, long BytesAfter, string? Note = null)
{
    public long Bytes => BytesBefore - BytesAfter;
}

/// <summary>
/// SQLite: gives the free pages back to the file system with <c>PRAGMA incremental_vacuum</c>, a few thousand pages per
/// step so writers get in between. It needs <c>auto_vacuum = INCREMENTAL</c>, which the portal sets when it creates the
/// file; a file created without it must be converted once with VACUUM (offline: it rewrites the whole file), and this
/// says so instead of doing it.
/// </summary>
internal static class SqliteSpace
{
    private const int VacuumPagesPerStep = 4_096;

    public static async Task<SpaceReclaimed> ReclaimAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var before = await FileBytesAsync(db, cancellationToken);
        if (await PragmaAsync(db, "auto_vacuum", cancellationToken) != 2)
        {
            return new SpaceReclaimed(before, before, "auto_vacuum is not INCREMENTAL: run VACUUM once (offline) after setting it.");
        }
        for (long free = await PragmaAsync(db, "freelist_count", cancellationToken), left; free > 0; free = left)
        {
            await PragmaAsync(db, $"incremental_vacuum({VacuumPagesPerStep})", cancellationToken);
            if ((left = await PragmaAsync(db, "freelist_count", cancellationToken)) >= free)
            {
                break;
            }
        }
        return new SpaceReclaimed(before, await FileBytesAsync(db, cancellationToken));
    }

    /// <summary>Runs a pragma to its end (incremental_vacuum frees pages step by step) and returns its first value, 0 for none.</summary>
    public static async Task<long> PragmaAsync(PortalDbContext db, string pragma, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA " + pragma;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var value = await reader.ReadAsync(ct) ? Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0;
        while (await reader.ReadAsync(ct))
        {
        }
        return value;
    }

    private static async Task<long> FileBytesAsync(PortalDbContext db, CancellationToken ct) =>
        await PragmaAsync(db, "page_count", ct) * await PragmaAsync(db, "page_size", ct);
}
