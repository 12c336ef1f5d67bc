using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Audit;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Calls;

/// <summary>One call with everything the detail page shows. <see cref="RawPayload"/> is null unless the reader is an administrator.</summary>
public sealed record CallDetail
{
    public required long Id { get; init; }
    public required int ConnectionId { get; init; }
    public required string ConnectionName { get; init; }
    public required VendorKind Vendor { get; init; }
    public required string VendorCallId { get; init; }
    public required CallDirection Direction { get; init; }
    public required CallOutcome Outcome { get; init; }
    public string? VendorStatus { get; init; }
    public required DateTime StartedAtUtc { get; init; }
    public DateTime? AnsweredAtUtc { get; init; }
    public DateTime? EndedAtUtc { get; init; }
    public int DurationSeconds { get; init; }
    public int? RingSeconds { get; init; }
    public string? Extension { get; init; }
    public string? ExtensionName { get; init; }
    public string? ExternalNumber { get; init; }
    public string? ExternalNumberOriginal { get; init; }
    public string? ExternalName { get; init; }
    public string? EndReason { get; init; }
    public bool HasTranscript { get; init; }
    public bool HasRecording { get; init; }
    public required DateTime UpdatedAtUtc { get; init; }
    /// <summary>Diversions and transfers, in order.</summary>
    public IReadOnlyList<CallLeg> History { get; init; } = [];
    /// <summary>The stored history could not be read (it is not shown then).</summary>
    public bool HistoryUnreadable { get; init; }
    public CallTranscript? Transcript { get; init; }
    public IReadOnlyList<CallRecording> Recordings { get; init; } = [];
    /// <summary>The vendor's payload as it came; administrators only.</summary>
    public string? RawPayload { get; init; }
}

public sealed record CallTranscript(string? Summary, string? Language, IReadOnlyList<CallTranscriptSegment> Segments);

public sealed record CallTranscriptSegment(string Speaker, double OffsetSeconds, string Text);

/// <summary>A recording's metadata; the audio comes through <see cref="RecordingEndpoints"/>, never from the vendor's address.</summary>
public sealed record CallRecording(long Id, string? ContentType, int? DurationSeconds, long? SizeBytes, DateTime? CreatedAtUtc);

/// <summary>
/// Reads single calls for the detail page and a number's call history, within the reader's <see cref="CallScope"/>:
/// a team-limited supervisor asking for another team's call by id is refused (in the security log). Reading a call with a
/// transcript is audited (who read which call, never the text).
/// </summary>
public sealed class CallDetails(IDbContextFactory<PortalDbContext> contexts, AuditLog audit, SecurityLog security)
{
    public const int DefaultHistoryTake = 50;
    public const string TranscriptReadAction = "transcript.read";

    /// <summary>
    /// The call, or null when there is none with this id. Throws <see cref="UnauthorizedAccessException"/> when the user may
    /// not read calls at all, or not this one; nothing of the call is read beyond what the scope check needs.
    /// </summary>
    public async Task<CallDetail?> LoadAsync(PortalUser user, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Call? call;
        try
        {
            call = await FindInScopeAsync(db, user, id, cancellationToken);
        }
        catch (UnauthorizedAccessException ex)
        {
            security.Refused(user, "call.read", CallTarget(id), ex.Message);
            throw;
        }
        if (call is null)
        {
            return null;
        }

        var connection = await db.Connections.AsNoTracking().Where(c => c.Id == call.ConnectionId)
            .Select(c => new { c.Name, c.Vendor }).SingleAsync(cancellationToken);
        var transcript = await db.Transcripts.AsNoTracking().Where(t => t.CallId == id)
            .Select(t => new { t.Summary, t.Language }).SingleOrDefaultAsync(cancellationToken);
        var segments = transcript is null
            ? []
            : await db.TranscriptSegments.AsNoTracking().Where(s => s.CallId == id).OrderBy(s => s.Sequence)
                .Select(s => new CallTranscriptSegment(s.Speaker, s.OffsetSeconds, s.Text)).ToListAsync(cancellationToken);
        var recordings = await db.Recordings.AsNoTracking().Where(r => r.CallId == id).OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new CallRecording(r.Id, r.ContentType, r.DurationSeconds, r.SizeBytes, r.CreatedAtUtc)).ToListAsync(cancellationToken);
        var (history, unreadable) = ReadHistory(call.HistoryJson);
        if (transcript is not null)
        {
            await audit.WriteAsync(user, TranscriptReadAction, CallTarget(id), details: $"{segments.Count} transcript segments of {connection.Name}",
                cancellationToken: cancellationToken);
        }

        return new CallDetail
        {
            Id = call.Id,
            ConnectionId = call.ConnectionId,
            ConnectionName = connection.Name,
            Vendor = connection.Vendor,
            VendorCallId = call.VendorCallId,
            Direction = call.Direction,
            Outcome = call.Outcome,
            VendorStatus = call.VendorStatus,
            StartedAtUtc = call.StartedAtUtc,
            AnsweredAtUtc = call.AnsweredAtUtc,
            EndedAtUtc = call.EndedAtUtc,
            DurationSeconds = call.DurationSeconds,
            RingSeconds = call.RingSeconds,
            Extension = call.Extension,
            ExtensionName = call.ExtensionName,
            ExternalNumber = call.ExternalNumber,
            ExternalNumberOriginal = call.ExternalNumberOriginal,
            ExternalName = call.ExternalName,
            EndReason = call.EndReason,
            HasTranscript = call.HasTranscript,
            HasRecording = call.HasRecording,
            UpdatedAtUtc = call.UpdatedAtUtc,
            History = history,
            HistoryUnreadable = unreadable,
            Transcript = transcript is null ? null : new CallTranscript(transcript.Summary, transcript.Language, segments),
            Recordings = recordings,
            RawPayload = user.IsAdmin
                ? await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => c.RawPayload).SingleAsync(cancellationToken)
                : null,
        };
    }

    /// <summary>How the audit and security logs name a call: "call 42" (the portal's id).</summary>
    public static string CallTarget(long id) => $"call {id}";

    /// <summary>
    /// The calls with this external number (as stored: E.164 where it could be normalized) across every connection, within
    /// the user's scope, newest first.
    /// </summary>
    public async Task<IReadOnlyList<CallRow>> NumberHistoryAsync(PortalUser user, string number, int take = DefaultHistoryTake,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scope = await CallScope.ResolveAsync(db, user, [], [], [], [], null, cancellationToken);
        if (scope.IsEmpty || string.IsNullOrWhiteSpace(number))
        {
            return [];
        }
        return await scope.Apply(db.Calls.AsNoTracking())
            .Where(c => c.ExternalNumber == number)
            .OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id)
            .Take(Math.Clamp(take, 1, 500))
            .Select(c => new CallRow(c.Id, c.StartedAtUtc, c.Direction, c.Outcome, c.Extension, c.ExtensionName, c.ExternalNumber, c.ExternalName,
                c.DurationSeconds, c.RingSeconds, c.Connection!.Vendor, c.Connection.Name, c.HasTranscript, c.HasRecording))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The call without its large columns if it exists, null if not; refuses a call outside the user's scope. Shared with
    /// the recording download, which must refuse exactly what the detail page refuses.
    /// </summary>
    internal static async Task<Call?> FindInScopeAsync(PortalDbContext db, PortalUser user, long id, CancellationToken cancellationToken)
    {
        var scope = await CallScope.ResolveAsync(db, user, [], [], [], [], null, cancellationToken);
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => new Call
        {
            Id = c.Id,
            ConnectionId = c.ConnectionId,
            VendorCallId = c.VendorCallId,
            Direction = c.Direction,
            Outcome = c.Outcome,
            VendorStatus = c.VendorStatus,
            StartedAtUtc = c.StartedAtUtc,
            AnsweredAtUtc = c.AnsweredAtUtc,
            EndedAtUtc = c.EndedAtUtc,
            DurationSeconds = c.DurationSeconds,
            RingSeconds = c.RingSeconds,
            Extension = c.Extension,
            ExtensionName = c.ExtensionName,
            ExternalNumber = c.ExternalNumber,
            ExternalNumberOriginal = c.ExternalNumberOriginal,
            ExternalName = c.ExternalName,
            EndReason = c.EndReason,
            HasTranscript = c.HasTranscript,
            HasRecording = c.HasRecording,
            HistoryJson = c.HistoryJson,
            UpdatedAtUtc = c.UpdatedAtUtc,
        }).SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return null;
        }
        if (!scope.Contains(call))
        {
            throw new UnauthorizedAccessException($"Call {id} belongs to a team {user.Name} may not see.");
        }
        return call;
    }

    private static (IReadOnlyList<CallLeg> Legs, bool Unreadable) ReadHistory(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ([], false);
        }
        try
        {
            return (JsonSerializer.Deserialize<List<CallLeg>>(json) ?? [], false);
        }
        catch (JsonException)
        {
            return ([], true);
        }
    }
}
