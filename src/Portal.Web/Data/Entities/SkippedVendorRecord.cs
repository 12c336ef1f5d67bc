namespace Portal.Web.Data.Entities;

/// <summary>A vendor record that could not be read: kept once per (connection, key) so administrators can see why.</summary>
public class SkippedVendorRecord
{
    public long Id { get; set; }
    public int ConnectionId { get; set; }
    /// <summary>The vendor's id of the record, or a hash of its payload when it has none.</summary>
    public required string VendorKey { get; set; }
    public required string Reason { get; set; }
    public string? RawPayload { get; set; }
    public DateTime FirstSeenAtUtc { get; set; }
}
