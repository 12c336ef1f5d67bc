using Portal.Telephony.Calls;

namespace Portal.Web.Data.Entities;

/// <summary>A vendor account the portal reads from, with its settings and its sync status.</summary>
public class Connection
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public VendorKind Vendor { get; set; }
    public required string BaseUrl { get; set; }
    /// <summary>Default region for national phone numbers (ISO 3166 alpha-2).</summary>
    public string PhoneRegion { get; set; } = "DE";
    /// <summary>IANA zone for vendors that send times without a zone.</summary>
    public string? TimeZone { get; set; }
    public int PollIntervalSeconds { get; set; } = 60;
    public int BackfillDays { get; set; } = 90;
    public bool IsPaused { get; set; }
    /// <summary>Declared in configuration: shown read-only in the UI.</summary>
    public bool ManagedByConfiguration { get; set; }
    /// <summary>Credentials as JSON, encrypted with ASP.NET Core Data Protection. Never shown again.</summary>
    public string? ProtectedSecrets { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public ConnectionState State { get; set; } = ConnectionState.Idle;
    public DateTime? LastSuccessAtUtc { get; set; }
    public DateTime? LastErrorAtUtc { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveErrors { get; set; }
    public long SkippedRecords { get; set; }
    public long UnknownValues { get; set; }

    /// <summary>Which portal instance syncs this connection, and until when (one worker per connection).</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAtUtc { get; set; }

    public List<SyncCursor> Cursors { get; set; } = [];
}

public enum ConnectionState
{
    Idle = 0,
    Backfilling = 1,
    Live = 2,
    Polling = 3,
    Paused = 4,
    Failing = 5,
}
