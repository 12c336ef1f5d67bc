namespace Portal.Web.Features.Sync.Ingest;

/// <summary>What a batch did: new rows, updated rows, rows refused because the portal deleted them, new unknown outcomes.</summary>
public sealed record IngestResult(int Inserted, int Updated, int Tombstoned, int InsertedUnknown, int NewlySkipped)
{
    public static IngestResult Empty { get; } = new(0, 0, 0, 0, 0);

    public IngestResult Plus(IngestResult other) => new(Inserted + other.Inserted, Updated + other.Updated,
        Tombstoned + other.Tombstoned, InsertedUnknown + other.InsertedUnknown, NewlySkipped + other.NewlySkipped);
}

/// <summary>Where a connection's cursor moves in the same transaction as the rows (null fields stay as they are).</summary>
public sealed record CursorUpdate(string Stream, DateTime? WatermarkUtc = null, string? Position = null, string? LastEventId = null);
