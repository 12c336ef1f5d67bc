using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

/// <summary>What a job deleted on one connection, locally and at the vendor (counts only).</summary>
/// <param name="Name">The connection's name when the job was created (null: the job recorded no connection for these calls).</param>
/// <param name="Transcripts">Transcripts deleted (with their calls, or alone in a transcripts-only job).</param>
/// <param name="VendorNotPossible">Deleted locally where the vendor's copy cannot be deleted from the portal.</param>
public sealed record DeletionCertificateConnection(int? ConnectionId, string? Name, VendorKind? Vendor, long Calls, long Transcripts, long RecordingLinks,
    long VendorDeleted, long VendorFailed, long VendorPending, long VendorNotPossible);

/// <summary>
/// What a finished deletion job (completed, or cancelled: it certifies what it did delete) proves: who asked, who confirmed,
/// when, why, what was selected in words, the counts per connection and kind (locally and at the vendor), and a SHA-256 over
/// the sorted ids of the calls it deleted. Never the deleted content: no numbers, names, times or transcripts of the deleted calls.
/// </summary>
/// <param name="RequestedBy">Who asked, in words; null: the administrator who created the job.</param>
/// <param name="ConfirmedByUserId">The administrator who confirmed; null for a job made before it was recorded (then the creator).</param>
/// <param name="Connections">Per connection; empty when the job recorded none (made before it was recorded).</param>
public sealed record DeletionCertificate(
    long JobId,
    DeletionJobState State,
    DeletionJobKind Kind,
    CallDeletionScope Scope,
    string RequestedByUserId,
    string? RequestedByName,
    string Reason,
    string? Selection,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc,
    long SelectedCount,
    long ProcessedCount,
    long DeletedCount,
    string DeletedIdsSha256,
    DateTime IssuedAtUtc,
    string IssuedTo,
    string? RequestedBy = null,
    string? ConfirmedByUserId = null,
    string? ConfirmedByName = null,
    long VendorDeletedCount = 0,
    long VendorFailedCount = 0,
    IReadOnlyList<DeletionCertificateConnection>? Connections = null)
{
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>The byte form the hash is computed over, in words; the document states it so anyone can recompute the hash.</summary>
    public const string HashInputInWords =
        "the portal ids of the deleted calls (DeletionJobItems.CallId where Deleted), each written as decimal ASCII digits " +
        "(no sign, no leading zeros), in ascending numeric order, each followed by one line feed (0x0A); nothing else. " +
        "No deleted call: the SHA-256 of zero bytes.";

    public static string FileName(long jobId) => string.Create(CultureInfo.InvariantCulture, $"deletion-certificate-{jobId}.txt");

    /// <summary>
    /// SHA-256, as lowercase hex, over the ids sorted ascending (duplicates count once), each as decimal ASCII digits followed by
    /// '\n' (0x0A). E.g. ids {12, 3} hash the 5 bytes "3\n12\n".
    /// </summary>
    public static string HashDeletedIds(IEnumerable<long> ids)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[24];
        foreach (var id in ids.Distinct().Order())
        {
            if (!id.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A call id did not format.");
            }
            buffer[written] = (byte)'\n';
            hash.AppendData(buffer[..(written + 1)]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The certificate as UTF-8 text; times in UTC and, when <paramref name="zone"/> is not UTC, also in that zone.</summary>
    public string ToText(TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        void Line(string label, string? value) => text.Append(CultureInfo.InvariantCulture, $"{label + ":",-24}{value}\n");
        string When(DateTime? utc)
        {
            if (utc is not { } at)
            {
                return "-";
            }
            var inUtc = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
            return zone == TimeZoneInfo.Utc || zone.Id == "UTC" || zone.Id == "Etc/UTC"
                ? inUtc
                : $"{inUtc} ({TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {zone.Id})";
        }
        var creator = $"{RequestedByName ?? "(no name recorded)"} (subject {RequestedByUserId})";

        text.Append("DELETION CERTIFICATE\n");
        text.Append("====================\n\n");
        Line("Deletion job", JobId.ToString(CultureInfo.InvariantCulture));
        Line("State", State == DeletionJobState.Cancelled ? "Cancelled (this certifies what the job deleted before it was cancelled)" : State.ToString());
        Line("Kind", KindInWords(Kind));
        Line("What was deleted", Scope switch
        {
            CallDeletionScope.Calls => "calls, with their transcripts, segments and recording links",
            CallDeletionScope.RecordingsOnly => "recording links only (the calls were kept)",
            _ => "transcripts only (the calls were kept)",
        });
        Line("Reason", OneLine(Reason));
        Line("Selection", OneLine(Selection) is { Length: > 0 } selection ? selection : "(not recorded)");
        text.Append('\n');
        Line("Asked by", OneLine(RequestedBy) is { Length: > 0 } askedBy ? askedBy : creator);
        Line("Confirmed by", ConfirmedByUserId is null
            ? $"{creator}; the job records no separate confirmation, the administrator who created it confirmed it"
            : $"{ConfirmedByName ?? "(no name recorded)"} (subject {ConfirmedByUserId}), the administrator who created the job");
        Line("Created", When(CreatedAtUtc));
        Line("Started", When(StartedAtUtc));
        Line("Finished", When(FinishedAtUtc));
        text.Append('\n');
        Line("Calls selected", SelectedCount.ToString(CultureInfo.InvariantCulture));
        Line("Calls processed", ProcessedCount.ToString(CultureInfo.InvariantCulture));
        Line(Scope switch { CallDeletionScope.Calls => "Calls deleted", CallDeletionScope.RecordingsOnly => "Recording links deleted", _ => "Transcripts deleted" },
            DeletedCount.ToString(CultureInfo.InvariantCulture));
        Line("Not deleted", string.Create(CultureInfo.InvariantCulture,
            $"{SelectedCount - DeletedCount} (already gone, or put under legal hold{Scope switch { CallDeletionScope.TranscriptsOnly => ", or without a transcript", CallDeletionScope.RecordingsOnly => ", or without a recording", _ => "" }}{(State == DeletionJobState.Cancelled ? ", or not reached before the cancellation" : "")})"));
        if (Scope == CallDeletionScope.Calls)
        {
            Line("At the vendor deleted", VendorDeletedCount.ToString(CultureInfo.InvariantCulture));
            Line("At the vendor failed", VendorFailedCount.ToString(CultureInfo.InvariantCulture));
        }
        if (Connections is not { Count: > 0 })
        {
            Line("Per connection", "not recorded by the job");
        }
        else
        {
            text.Append("Per connection:\n");
            foreach (var connection in Connections)
            {
                text.Append("  ").Append(PerConnection(connection)).Append('\n');
            }
        }
        text.Append('\n');
        Line("SHA-256 of deleted ids", DeletedIdsSha256);
        text.Append("Hash input: ").Append(HashInputInWords).Append('\n');
        text.Append('\n');
        Line("Issued", When(IssuedAtUtc));
        Line("Issued to", IssuedTo);
        text.Append("This certificate holds no content of the deleted calls: no phone numbers, names, times or transcripts.\n");
        return text.ToString();
    }

    /// <summary>One connection's line: its name and vendor, the local counts per kind, then the vendor's copies.</summary>
    private string PerConnection(DeletionCertificateConnection c)
    {
        var who = c.Name is null
            ? "calls without a recorded connection"
            : string.Create(CultureInfo.InvariantCulture, $"{OneLine(c.Name)} ({(c.Vendor is { } vendor ? VendorCatalog.Label(vendor) : "vendor not recorded")}, connection {c.ConnectionId})");
        if (Scope == CallDeletionScope.TranscriptsOnly)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{who}: {c.Transcripts} transcripts deleted locally; the calls and the vendor's records were kept");
        }
        if (Scope == CallDeletionScope.RecordingsOnly)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{who}: {c.RecordingLinks} recording links deleted locally; the calls and the vendor's records were kept");
        }
        var pending = c.VendorPending > 0 ? string.Create(CultureInfo.InvariantCulture, $", {c.VendorPending} not yet sent") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{who}: {c.Calls} calls, {c.Transcripts} transcripts, {c.RecordingLinks} recording links deleted locally; at the vendor {c.VendorDeleted} deleted, {c.VendorFailed} failed{pending}, {c.VendorNotPossible} not possible");
    }

    public static string KindInWords(DeletionJobKind kind) => kind switch
    {
        DeletionJobKind.WizardFilter => "bulk delete by the record browser's filter",
        DeletionJobKind.Erasure => "erasure request (GDPR Art. 17)",
        DeletionJobKind.ConnectionBeforeDate => "all calls of one connection before a date",
        DeletionJobKind.PolicyPurge => "retention policy purge",
        DeletionJobKind.ConnectionRemoval => "removal of a connection",
        _ => kind.ToString(),
    };

    /// <summary>Text from the job on one line, so it cannot fake further lines of the certificate.</summary>
    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

public enum DeletionCertificateStatus
{
    Issued,
    NotFound,
    NotFinished,
}

public sealed record DeletionCertificateResult(DeletionCertificateStatus Status, DeletionCertificate? Certificate, string? Message);

/// <summary>
/// Issues deletion certificates to administrators. A refusal goes to the security log and the audit log (marked refused);
/// every certificate issued writes an audit entry (who read which job's certificate).
/// </summary>
public sealed class DeletionCertificates(IDbContextFactory<PortalDbContext> contexts, AuditLog audit, TimeProvider clock)
{
    public const string ReadAction = "retention.certificate.read";

    public async Task<DeletionCertificateResult> IssueAsync(PortalUser user, long jobId, CancellationToken cancellationToken = default)
    {
        var target = DeletionJobs.Target(jobId);
        if (!user.IsAdmin)
        {
            const string reason = "Only administrators may read deletion certificates.";
            await audit.RefusedAsync(user, ReadAction, target, reason);
            throw new UnauthorizedAccessException(reason);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.DeletionJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return new(DeletionCertificateStatus.NotFound, null, string.Create(CultureInfo.InvariantCulture, $"There is no deletion job {jobId}."));
        }
        if (job.State is not (DeletionJobState.Completed or DeletionJobState.Cancelled))
        {
            return new(DeletionCertificateStatus.NotFinished, null, string.Create(CultureInfo.InvariantCulture,
                $"Deletion job {jobId} is {job.State.ToString().ToLowerInvariant()}: a certificate is issued once the job is completed or cancelled."));
        }
        var deleted = await db.DeletionJobItems.AsNoTracking().Where(i => i.JobId == jobId && i.Deleted).Select(i => i.CallId)
            .ToListAsync(cancellationToken);
        var certificate = new DeletionCertificate(job.Id, job.State, job.Kind, job.Scope, job.RequestedByUserId, job.RequestedByName, job.Reason,
            job.Selection, job.CreatedAtUtc, job.StartedAtUtc, job.FinishedAtUtc, job.SelectedCount, job.ProcessedCount, job.DeletedCount,
            DeletionCertificate.HashDeletedIds(deleted), clock.GetUtcNow().UtcDateTime, $"{user.Name} (subject {user.Id})",
            job.RequestedBy, job.ConfirmedByUserId, job.ConfirmedByName, job.VendorDeletedCount, job.VendorFailedCount,
            await PerConnectionAsync(db, job, cancellationToken));
        await audit.WriteAsync(user, ReadAction, target, filter: job.Selection, rowCount: job.DeletedCount,
            details: $"deletion certificate; SHA-256 of deleted ids {certificate.DeletedIdsSha256}", cancellationToken: CancellationToken.None);
        return new(DeletionCertificateStatus.Issued, certificate, null);
    }

    /// <summary>
    /// The job's connections (as recorded at its creation) with what it deleted on each, from its items: calls, transcripts and
    /// recording links (read in each batch's transaction before the delete), and the vendor copies' states.
    /// </summary>
    private static async Task<IReadOnlyList<DeletionCertificateConnection>> PerConnectionAsync(PortalDbContext db, DeletionJob job, CancellationToken ct)
    {
        var connections = await db.DeletionJobConnections.AsNoTracking().Where(c => c.JobId == job.Id).OrderBy(c => c.ConnectionId).ToListAsync(ct);
        var counts = await db.DeletionJobItems.AsNoTracking().Where(i => i.JobId == job.Id && i.Deleted).GroupBy(i => i.ConnectionId)
            .Select(g => new
            {
                ConnectionId = g.Key,
                Calls = g.LongCount(),
                Transcripts = g.LongCount(i => i.HadTranscript),
                RecordingLinks = g.Sum(i => (long)i.RecordingLinks),
                VendorDeleted = g.LongCount(i => i.VendorState == VendorDeletionState.Deleted),
                VendorFailed = g.LongCount(i => i.VendorState == VendorDeletionState.Failed),
                VendorPending = g.LongCount(i => i.VendorState == VendorDeletionState.Pending),
                VendorNotPossible = g.LongCount(i => i.VendorState == VendorDeletionState.NotApplicable),
            })
            .ToListAsync(ct);
        if (connections.Count == 0 && counts.All(c => c.ConnectionId is null))
        {
            return []; // a job made before connections were recorded
        }
        var byConnection = counts.ToDictionary(c => c.ConnectionId ?? -1);
        var calls = job.Scope == CallDeletionScope.Calls;
        var rows = connections.Select(c => (Id: (int?)c.ConnectionId, (string?)c.Name, (VendorKind?)c.Vendor))
            .Concat(counts.Where(c => c.ConnectionId is { } id && connections.All(k => k.ConnectionId != id) || c.ConnectionId is null)
                .Select(c => (Id: c.ConnectionId, (string?)null, (VendorKind?)null)));
        return rows.Select(r =>
        {
            var n = byConnection.GetValueOrDefault(r.Id ?? -1);
            var recordingsOnly = job.Scope == CallDeletionScope.RecordingsOnly;
            return new DeletionCertificateConnection(r.Id, r.Item2, r.Item3, calls ? n?.Calls ?? 0 : 0,
                calls ? n?.Transcripts ?? 0 : recordingsOnly ? 0 : n?.Calls ?? 0, calls || recordingsOnly ? n?.RecordingLinks ?? 0 : 0,
                n?.VendorDeleted ?? 0, n?.VendorFailed ?? 0, n?.VendorPending ?? 0, calls ? n?.VendorNotPossible ?? 0 : 0);
        }).ToList();
    }
}
