using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Cinnox;

/// <summary>One CINNOX call-detail record (JSON text as received) → <see cref="NormalizedCall"/>, or the reason it cannot be.</summary>
internal static class CinnoxCallMapper
{
    public static (NormalizedCall? Call, SkippedRecord? Skipped) Map(string raw, VendorConnectionSettings settings)
    {
        CinnoxCallRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<CinnoxCallRecord>(raw, CinnoxJson.Options);
        }
        catch (JsonException ex)
        {
            return Skip(null, $"The record is not a readable CINNOX call record: {ex.Message}", raw);
        }
        if (record is null || string.IsNullOrWhiteSpace(record.Id))
        {
            return Skip(null, "The record has no id.", raw);
        }
        if (!CinnoxVocabulary.TryDirection(record.CallDirection, out var direction))
        {
            return Skip(record.Id, $"callDirection '{record.CallDirection}' is neither Inbound nor Outbound.", raw);
        }
        if (!VendorTimestamp.TryParseUtc(record.CallDate, settings.Zone, out var started))
        {
            return Skip(record.Id, $"callDate '{record.CallDate}' is not an RFC 3339 time.", raw);
        }
        DateTime? ended = null;
        if (!string.IsNullOrWhiteSpace(record.CallEndTime))
        {
            if (!VendorTimestamp.TryParseUtc(record.CallEndTime, settings.Zone, out var end))
            {
                return Skip(record.Id, $"callEndTime '{record.CallEndTime}' is not an RFC 3339 time.", raw);
            }
            ended = end;
        }

        var outcome = CinnoxVocabulary.Outcome(record.Status, direction);
        var inbound = direction == CallDirection.Inbound;
        var external = inbound ? record.Caller : record.Callee;
        return (new NormalizedCall
        {
            VendorCallId = record.Id.Trim(),
            Direction = direction,
            Outcome = outcome,
            VendorStatus = record.Status,
            StartedAtUtc = started,
            EndedAtUtc = ended,
            // CINNOX has no answer time: the talk time is the whole call (ringing included) for connected calls.
            DurationSeconds = outcome == CallOutcome.Answered && ended > started ? (int)Math.Round((ended.Value - started).TotalSeconds) : 0,
            Extension = NullIfEmpty(inbound ? record.Callee : record.Caller),
            ExtensionName = inbound
                ? Name(record.ToDisplayName, record.CalleeFirstName, record.CalleeLastName)
                : Name(record.FromDisplayName, record.CallerFirstName, record.CallerLastName),
            ExternalNumber = ExternalE164(external, settings.PhoneRegion),
            ExternalNumberOriginal = NullIfEmpty(external),
            ExternalName = inbound
                ? Name(record.FromDisplayName, record.CallerFirstName, record.CallerLastName)
                : Name(record.ToDisplayName, record.CalleeFirstName, record.CalleeLastName),
            EndReason = NullIfEmpty(record.ByeReason),
            Recordings = Recordings(record, settings.Zone),
            RawPayload = raw,
        }, null);
    }

    private const int VideoFileType = 2; // 3 = audio; video files stay in the raw payload

    /// <summary>CINNOX sends international numbers as digits without '+' (often as JSON numbers).</summary>
    private static string? ExternalE164(string? raw, string region)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        var international = trimmed.Length >= 8 && trimmed[0] != '0' && trimmed.All(char.IsAsciiDigit);
        return PhoneNumberNormalizer.ToE164(international ? "+" + trimmed : trimmed, region);
    }

    private static List<RecordingInfo> Recordings(CinnoxCallRecord record, TimeZoneInfo zone)
    {
        var recordings = new List<RecordingInfo>();
        foreach (var recordingEvent in record.RecordingEventList ?? [])
        {
            DateTime? startedAt = VendorTimestamp.TryParseUtc(recordingEvent.StartAt, zone, out var at) ? at : null;
            foreach (var file in recordingEvent.Files ?? [])
            {
                var id = NullIfEmpty(file.Id) ?? NullIfEmpty(file.Name);
                if (id is null || file.Type == VideoFileType)
                {
                    continue;
                }
                recordings.Add(new RecordingInfo(
                    id,
                    file.MimeType?.Contains('/', StringComparison.Ordinal) == true ? file.MimeType : null,
                    file.Duration is { } ms ? (int)Math.Round(ms / 1000) : null,
                    file.Size,
                    startedAt,
                    NullIfEmpty(file.DownloadUrl)));
            }
        }
        return recordings;
    }

    private static string? Name(string? displayName, string? firstName, string? lastName) =>
        NullIfEmpty(displayName) ?? NullIfEmpty(string.Join(' ', new[] { firstName, lastName }.Where(n => !string.IsNullOrWhiteSpace(n))));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (NormalizedCall?, SkippedRecord?) Skip(string? key, string reason, string raw) => (null, new SkippedRecord(key, reason, raw));
}
