namespace Portal.Web.Data.Entities;

/// <summary>Metadata of a recording kept by the vendor; the audio is downloaded through the portal on demand.</summary>
public class Recording
{
    public long Id { get; set; }
    public long CallId { get; set; }
    public required string VendorRecordingId { get; set; }
    public string? ContentType { get; set; }
    public int? DurationSeconds { get; set; }
    public long? SizeBytes { get; set; }
    public DateTime? CreatedAtUtc { get; set; }
    /// <summary>Where the vendor serves the audio (CINNOX), if it says; fetched by the portal, never given to browsers.</summary>
    public string? DownloadUrl { get; set; }
}
