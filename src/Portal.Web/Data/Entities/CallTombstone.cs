namespace Portal.Web.Data.Entities;

/// <summary>A call the portal deleted (retention, bulk delete), so that a later sync does not bring it back.</summary>
public class CallTombstone
{
    public int ConnectionId { get; set; }
    public required string VendorCallId { get; set; }
    public DateTime DeletedAtUtc { get; set; }
}
