using Portal.Telephony.Calls;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Reporting;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

/// <summary>The matching calls of one connection, by kind: calls, and of them those with a transcript and with recording links.</summary>
public sealed record ConnectionDeletionCounts(int ConnectionId, string Name, VendorKind Vendor, int Calls, int WithTranscript, int WithRecording);

/// <summary>
/// What a selection of the bulk-delete wizard would delete, counted now: exact counts per connection and kind, the first calls
/// (oldest first), per vendor what happens to the vendor's copy, the selection in words, and which legal holds keep how many of
/// the matching calls (those are neither counted nor deleted). Holds no deleted content beyond
/// what the administrator may see in the record browser anyway.
/// </summary>
public sealed record DeletionPreview(
    IReadOnlyList<ConnectionDeletionCounts> Connections,
    IReadOnlyList<CallRow> FirstCalls,
    IReadOnlyList<VendorCopyDeletionAdvice> Vendors,
    string Selection,
    IReadOnlyList<string> Unparseable,
    IReadOnlyList<HoldExclusion> Held)
{
    /// <summary>How many calls the preview lists at most.</summary>
    public const int FirstCallsShown = 20;

    public int Total => Connections.Sum(c => c.Calls);
    public int WithTranscript => Connections.Sum(c => c.WithTranscript);
    public int WithRecording => Connections.Sum(c => c.WithRecording);
}

/// <summary>What the administrator confirms: why, the number (or for a connection its name) as typed, and what to delete of each call.</summary>
/// <param name="PreviewedCount">The total the preview showed: the calls selected at confirmation must be as many.</param>
/// <param name="Typed">The number of calls as the administrator typed it; for "all calls of a connection", the connection's name.</param>
/// <param name="RequestedBy">Who asked, in words (the data subject, a ticket's author), at most <see cref="MaxRequestedBy"/> characters; empty: the administrator.</param>
public sealed record DeletionConfirmation(string Reason, string Typed, long PreviewedCount, Data.CallStore.CallDeletionScope Scope, string? RequestedBy = null)
{
    /// <summary>The longest "requested by" the wizard accepts.</summary>
    public const int MaxRequestedBy = 200;
}
