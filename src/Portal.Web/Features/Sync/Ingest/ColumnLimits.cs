using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Sync.Ingest;

/// <summary>
/// What the columns the ingest writes can hold, read once from the EF model (Data/Configurations), so a record
/// stores the same on SQLite (which does not enforce lengths) and PostgreSQL (which refuses longer values). Texts
/// are clipped to their columns (the raw payload is kept whole, so nothing is lost); an id cannot be clipped (two
/// records would merge), so a call whose id or recording id does not fit is refused with the reason (then skipped).
/// </summary>
internal sealed class ColumnLimits
{
    private readonly int _callId, _status, _extension, _extensionName, _number, _numberOriginal, _externalName, _endReason;
    private readonly int _language, _speaker, _recordingId, _contentType, _downloadUrl, _skippedKey, _skippedReason, _lastEventId;

    public ColumnLimits(IModel model)
    {
        int Max<TEntity>(string property) =>
            model.FindEntityType(typeof(TEntity))!.FindProperty(property)!.GetMaxLength() ?? int.MaxValue;

        _callId = Max<Call>(nameof(Call.VendorCallId));
        _status = Max<Call>(nameof(Call.VendorStatus));
        _extension = Max<Call>(nameof(Call.Extension));
        _extensionName = Max<Call>(nameof(Call.ExtensionName));
        _number = Max<Call>(nameof(Call.ExternalNumber));
        _numberOriginal = Max<Call>(nameof(Call.ExternalNumberOriginal));
        _externalName = Max<Call>(nameof(Call.ExternalName));
        _endReason = Max<Call>(nameof(Call.EndReason));
        _language = Max<Transcript>(nameof(Transcript.Language));
        _speaker = Max<TranscriptSegment>(nameof(TranscriptSegment.Speaker));
        _recordingId = Max<Recording>(nameof(Recording.VendorRecordingId));
        _contentType = Max<Recording>(nameof(Recording.ContentType));
        _downloadUrl = Max<Recording>(nameof(Recording.DownloadUrl));
        _skippedKey = Max<SkippedVendorRecord>(nameof(SkippedVendorRecord.VendorKey));
        _skippedReason = Max<SkippedVendorRecord>(nameof(SkippedVendorRecord.Reason));
        _lastEventId = Max<SyncCursor>(nameof(SyncCursor.LastEventId));
    }

    /// <summary>The call with its texts clipped to their columns, or null and why it cannot be stored.</summary>
    public NormalizedCall? Fit(NormalizedCall call, out string? refusal)
    {
        refusal = call.VendorCallId.Length > _callId
            ? $"The call id is {call.VendorCallId.Length} characters long; at most {_callId} can be stored."
            : call.Recordings.FirstOrDefault(r => r.VendorRecordingId.Length > _recordingId) is { } recording
                ? $"A recording id is {recording.VendorRecordingId.Length} characters long; at most {_recordingId} can be stored."
                : null;
        if (refusal is not null)
        {
            return null;
        }
        return call with
        {
            VendorStatus = Clip(call.VendorStatus, _status),
            Extension = Clip(call.Extension, _extension),
            ExtensionName = Clip(call.ExtensionName, _extensionName),
            ExternalNumber = Clip(call.ExternalNumber, _number),
            ExternalNumberOriginal = Clip(call.ExternalNumberOriginal, _numberOriginal),
            ExternalName = Clip(call.ExternalName, _externalName),
            EndReason = Clip(call.EndReason, _endReason),
            Transcript = call.Transcript is { } transcript ? Fit(transcript) : null,
            Recordings = call.Recordings.Any(r => r.ContentType?.Length > _contentType || r.DownloadUrl?.Length > _downloadUrl)
                // A cut URL would point elsewhere: one too long is left out (the raw payload keeps it).
                ? call.Recordings.Select(r => r with { ContentType = Clip(r.ContentType, _contentType), DownloadUrl = r.DownloadUrl?.Length > _downloadUrl ? null : r.DownloadUrl }).ToList()
                : call.Recordings,
        };
    }

    /// <summary>The key a skipped record is kept under: its vendor id, or a hash of the id (too long) or of what came (none).</summary>
    public string SkippedKey(SkippedRecord record) => record.VendorKey is { } key && key.Length <= _skippedKey
        ? key
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.VendorKey ?? record.RawPayload)))[..32];

    public string SkippedReason(string reason) => Clip(reason, _skippedReason)!;

    /// <summary>An event id too long to store is not kept: the stream resumes from the last one that fit (re-sent records are upserts).</summary>
    public CursorUpdate Fit(CursorUpdate cursor) =>
        cursor.LastEventId?.Length > _lastEventId ? cursor with { LastEventId = null } : cursor;

    private NormalizedTranscript Fit(NormalizedTranscript transcript) => transcript with
    {
        Language = Clip(transcript.Language, _language),
        Lines = transcript.Lines.Any(l => l.Speaker.Length > _speaker)
            ? transcript.Lines.Select(l => l with { Speaker = Clip(l.Speaker, _speaker)! }).ToList()
            : transcript.Lines,
    };

    /// <summary>The first <paramref name="length"/> characters, never half a surrogate pair.</summary>
    private static string? Clip(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
