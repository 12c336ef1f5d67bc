namespace Portal.Web.Features.Sync;

/// <summary>The sync engine's settings (configuration section "Sync").</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Run the engine in this instance (several instances share the work through leases).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Each poll re-reads this much before the cursor. Vendors filter by start time but list a call only once it
    /// has ended, so it must exceed the longest call; re-read rows are upserts, never duplicates.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the engine looks for connections to start or stop.</summary>
    public TimeSpan EngineInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a lease lasts unless renewed (renewed at a third of it).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts of a failing connection.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
