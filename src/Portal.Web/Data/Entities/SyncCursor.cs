namespace Portal.Web.Data.Entities;

/// <summary>
/// Where a connection's sync of one stream (records, extensions, ...) has got to. Moved in the same
/// transaction as the rows it covers.
/// </summary>
public class SyncCursor
{
    public int ConnectionId { get; set; }
    public required string Stream { get; set; }
    /// <summary>Time watermark: everything started before it is stored.</summary>
    public DateTime? WatermarkUtc { get; set; }
    /// <summary>A vendor-specific position (offset, page token), where the vendor has one.</summary>
    public string? Position { get; set; }
    /// <summary>The last server-sent event id, sent as Last-Event-ID on reconnect.</summary>
    public string? LastEventId { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
