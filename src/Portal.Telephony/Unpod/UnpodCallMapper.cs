using System.Globalization;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Unpod;

/// <summary>One Unpod call log (JSON text as received) → <see cref="NormalizedCall"/>, or the reason it cannot be.</summary>
internal static class UnpodCallMapper
{
    public static (NormalizedCall? Call, SkippedRecord? Skipped) Map(string raw, VendorConnectionSettings settings)
    {
        UnpodCallLog? record;
        try
        {
            record = JsonSerializer.Deserialize<UnpodCallLog>(raw, UnpodJson.Options);
        }
        catch (JsonException ex)
        {
            return Skip(null, $"The record is not a readable Unpod call log: {ex.Message}", raw);
        }
        if (record is null)
        {
            return Skip(null, "The record is empty.", raw);
        }
        var id = Id(record.Id);
        var key = id ?? $"{record.SourceNumber} → {record.DestinationNumber} at {record.CreationTime}";
        if (!UnpodVocabulary.TryDirection(record.CallType, out var direction))
        {
            return Skip(key, $"call_type '{record.CallType}' is neither inbound nor outbound.", raw);
        }
        if (!VendorTimestamp.TryParseUtc(record.CreationTime, settings.Zone, out var created))
        {
            return Skip(key, $"creation_time '{record.CreationTime}' is not an ISO 8601 time.", raw);
        }
        if (!TryOptionalTime(record.StartTime, settings.Zone, out var answered))
        {
            return Skip(key, $"start_time '{record.StartTime}' is not an ISO 8601 time.", raw);
        }
        if (!TryOptionalTime(record.EndTime, settings.Zone, out var ended))
        {
            return Skip(key, $"end_time '{record.EndTime}' is not an ISO 8601 time.", raw);
        }
        if (!TryDuration(record.CallDuration, out var duration))
        {
            return Skip(key, $"call_duration {record.CallDuration.GetRawText()} is neither seconds nor H:MM:SS.", raw);
        }

        var inbound = direction == CallDirection.Inbound;
        var external = inbound ? record.SourceNumber : record.DestinationNumber;
        return (new NormalizedCall
        {
            VendorCallId = id ?? UnpodCallKey.Derive(record.SourceNumber, record.DestinationNumber, created),
            Direction = direction,
            Outcome = UnpodVocabulary.Outcome(record.CallStatus, direction),
            VendorStatus = record.CallStatus,
            StartedAtUtc = created,
            AnsweredAtUtc = answered,
            EndedAtUtc = ended,
            DurationSeconds = duration,
            RingSeconds = answered >= created ? (int)Math.Round((answered.Value - created).TotalSeconds) : null,
            // Unpod has no extensions: the organisation's own number on the call stands in for one.
            Extension = NullIfEmpty(inbound ? record.DestinationNumber : record.SourceNumber),
            ExternalNumber = PhoneNumberNormalizer.ToE164(external, settings.PhoneRegion),
            ExternalNumberOriginal = NullIfEmpty(external),
            EndReason = NullIfEmpty(record.EndReason),
            RawPayload = raw,
        }, null);
    }

    private static string? Id(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(id.GetString()),
        JsonValueKind.Number => id.GetRawText(),
        _ => null,
    };

    private static bool TryOptionalTime(string? text, TimeZoneInfo zone, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!VendorTimestamp.TryParseUtc(text, zone, out var value))
        {
            return false;
        }
        utc = value;
        return true;
    }

    /// <summary>Seconds (207, 207.4, "207") or a clock string ("0:03:27", "03:27"); null or absent is 0.</summary>
    internal static bool TryDuration(JsonElement value, out int seconds)
    {
        seconds = 0;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && number >= 0:
                seconds = (int)Math.Round(number);
                return true;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
                {
                    seconds = (int)Math.Round(parsed);
                    return true;
                }
                var parts = text.Split(':');
                if (parts.Length is 2 or 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
                {
                    seconds = parts.Aggregate(0, (total, part) => total * 60 + int.Parse(part, CultureInfo.InvariantCulture));
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (NormalizedCall?, SkippedRecord?) Skip(string? key, string reason, string raw) => (null, new SkippedRecord(key, reason, raw));
}
