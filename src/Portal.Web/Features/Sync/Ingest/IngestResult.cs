namespace Portal.Web.Features.Sync.Ingest;

/// <summary>
/// What a batch did: new rows, updated rows, rows refused because the portal deleted them (tombstones) or erased their number
/// (the erasure ledger), new unknown outcomes.
/// </summary>
public sealed record IngestResult(int Inserted, int Updated, int Tombstoned, int InsertedUnknown, int NewlySkipped)
{
    /// <summary>False when a conditional cursor update found the cursor moved by someone else (a re-sync).</summary>
    public bool CursorMoved { get; init; } = true;

    public static IngestResult Empty { get; } = new(0, 0, 0, 0, 0);

    public IngestResult Plus(IngestResult other) => new(Inserted + other.Inserted, Updated + other.Updated,
        Tombstoned + other.Tombstoned, InsertedUnknown + other.InsertedUnknown, NewlySkipped + other.NewlySkipped);
}

/// <summary>
/// Where a connection's cursor moves in the same transaction as the rows (null fields stay as they are). With
/// <see cref="OnlyFromWatermarkUtc"/> set, the cursor moves only if it still stands there: a re-sync from a date,
/// asked for while a poll runs, is not overwritten by that poll. With <see cref="LeaseOwner"/> set, the whole
/// transaction commits only while that instance holds the connection's lease (<see cref="LeaseLostException"/>).
/// </summary>
public sealed record CursorUpdate(string Stream, DateTime? WatermarkUtc = null, string? Position = null, string? LastEventId = null)
{
    public DateTime? OnlyFromWatermarkUtc { get; init; }
    public bool Conditional { get; init; }
    public string? LeaseOwner { get; init; }
}
