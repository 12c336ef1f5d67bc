using Portal.Telephony.Calls;
using Portal.Web.Data.CallStore;

namespace Portal.Web.Data.Entities;

/// <summary>Why a deletion job was made.</summary>
public enum DeletionJobKind
{
    /// <summary>The bulk-delete wizard with the record browser's filter.</summary>
    WizardFilter = 1,
    /// <summary>An erasure request (GDPR Art. 17) for one or more phone numbers.</summary>
    Erasure = 2,
    /// <summary>All calls of one connection before a date.</summary>
    ConnectionBeforeDate = 3,
    /// <summary>A scheduled purge by a retention policy.</summary>
    PolicyPurge = 4,
    /// <summary>The calls of a connection being removed.</summary>
    ConnectionRemoval = 5,
}

public enum DeletionJobState
{
    /// <summary>Waiting for the runner (new, or resumed).</summary>
    Pending = 1,
    Running = 2,
    /// <summary>Stopped between two batches by an administrator; resumable.</summary>
    Paused = 3,
    /// <summary>Stopped for good; the calls not yet deleted stay.</summary>
    Cancelled = 4,
    Completed = 5,
    /// <summary>Stopped by an error (<see cref="DeletionJob.LastError"/>); resumable.</summary>
    Failed = 6,
}

/// <summary>
/// A delete that runs in the background and survives restarts: its calls are frozen at creation as
/// <see cref="DeletionJobItem"/>s, each marked done in the transaction that deletes it, so a job resumes exactly where it
/// stopped and counts nothing twice. Holds counts and words, never the deleted content.
/// </summary>
public class DeletionJob
{
    public long Id { get; set; }
    public DeletionJobKind Kind { get; set; }
    public CallDeletionScope Scope { get; set; }
    public DeletionJobState State { get; set; }
    /// <summary>The administrator who created the job.</summary>
    public required string RequestedByUserId { get; set; }
    public string? RequestedByName { get; set; }
    /// <summary>Who asked for the delete, in words (e.g. "data subject, ticket 4711"); null: the administrator who created it.</summary>
    public string? RequestedBy { get; set; }
    /// <summary>The administrator who confirmed the delete (the one who created the job); null for jobs made before it was recorded.</summary>
    public string? ConfirmedByUserId { get; set; }
    public string? ConfirmedByName { get; set; }
    /// <summary>The reason or ticket reference the administrator gave.</summary>
    public required string Reason { get; set; }
    /// <summary>What was selected, in words (the filter, the numbers' count, the connection and date).</summary>
    public string? Selection { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>The frozen items.</summary>
    public long SelectedCount { get; set; }
    /// <summary>Items done so far (deleted, or already gone).</summary>
    public long ProcessedCount { get; set; }
    /// <summary>Items deleted so far (for transcripts only: transcripts deleted).</summary>
    public long DeletedCount { get; set; }
    /// <summary>Items whose vendor copy is gone (deleted by the job, or already gone at the vendor).</summary>
    public long VendorDeletedCount { get; set; }
    /// <summary>Items whose vendor delete failed last time it was tried (see <see cref="DeletionJobItem.VendorError"/>).</summary>
    public long VendorFailedCount { get; set; }
    public string? LastError { get; set; }
    /// <summary>Space given back after the job (SQLite), null when none was reclaimed.</summary>
    public long? BytesReclaimed { get; set; }
    /// <summary>For <see cref="DeletionJobKind.ConnectionRemoval"/>: the connection removed when the job completes.</summary>
    public int? ConnectionId { get; set; }
}

/// <summary>
/// One call of a <see cref="DeletionJob"/>, written once when the job is created. <see cref="Done"/> and <see cref="Deleted"/>
/// are set in the transaction of the batch that deleted the call; the deleted ids, sorted, are what a certificate hashes.
/// </summary>
public class DeletionJobItem
{
    public long JobId { get; set; }
    public long CallId { get; set; }
    public bool Done { get; set; }
    /// <summary>This job deleted it (false for a call already gone, or without a transcript in a transcripts-only job).</summary>
    public bool Deleted { get; set; }
    /// <summary>The call's connection, recorded at creation (null when the call was already gone then).</summary>
    public int? ConnectionId { get; set; }
    /// <summary>The vendor's record id, recorded at creation only where the connection's vendor can delete its copy.</summary>
    public string? VendorCallId { get; set; }
    /// <summary>The vendor copy: <see cref="VendorDeletionState.Pending"/> from the batch that deleted the call locally until the vendor answers.</summary>
    public VendorDeletionState VendorState { get; set; }
    /// <summary>Why the vendor delete failed, in the adapter's words (never deleted content).</summary>
    public string? VendorError { get; set; }
    /// <summary>The call had a transcript when its batch deleted it (read in the batch's transaction).</summary>
    public bool HadTranscript { get; set; }
    /// <summary>Recording links the call had when its batch deleted it.</summary>
    public int RecordingLinks { get; set; }
}

/// <summary>What happened to the vendor's copy of a job's call.</summary>
public enum VendorDeletionState
{
    /// <summary>Nothing to do at the vendor: its vendor cannot delete, the job deleted only transcripts, or the job did not delete the call.</summary>
    NotApplicable = 0,
    /// <summary>Deleted locally; the vendor delete is still to be sent (or to be retried).</summary>
    Pending = 1,
    /// <summary>The vendor deleted it, or no longer had it.</summary>
    Deleted = 2,
    /// <summary>The vendor delete failed (<see cref="DeletionJobItem.VendorError"/>); a retry may send it again.</summary>
    Failed = 3,
}

/// <summary>
/// A connection whose calls a job holds, as it was when the job was created: its name and vendor (the certificate names them,
/// also after the connection is removed) and whether its vendor can delete its copy of a call.
/// </summary>
public class DeletionJobConnection
{
    public long JobId { get; set; }
    public int ConnectionId { get; set; }
    public required string Name { get; set; }
    public VendorKind Vendor { get; set; }
    public bool VendorCanDelete { get; set; }
}
