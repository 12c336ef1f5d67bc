namespace Portal.Web.Vendors;

/// <summary>The names of a connection's sync cursors (<c>SyncCursors.Stream</c>).</summary>
public static class SyncStreams
{
    /// <summary>Polling of call records: the watermark is the time up to which everything is stored.</summary>
    public const string Records = "records";

    /// <summary>A live stream (NFON Call History SSE): the last event id.</summary>
    public const string Live = "live";

    /// <summary>The extension directory (NFON CTI).</summary>
    public const string Directory = "directory";
}
