using System.Text;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.WebFones;

/// <summary>Turns a <c>records_after_timestamp</c> answer, or one batch of it, into a <see cref="CallPage"/>.</summary>
internal sealed class WebFonesRecordReader(VendorConnectionSettings settings, TimeZoneInfo zone)
{
    /// <summary>A whole answer already in memory as one page (see <see cref="ToPage(WebFonesBatch, DateTime)"/>).</summary>
    public CallPage ToPage(JsonElement root, DateTime sinceUtc) =>
        ToPage(WebFonesAnswerReader.ReadAll(Encoding.UTF8.GetBytes(root.GetRawText())), sinceUtc);

    /// <summary>
    /// The calls of <paramref name="batch"/> that started at or after <paramref name="sinceUtc"/>, each rid once, oldest
    /// first; records that cannot be read are skipped with the reason. The watermark is the latest start read, or
    /// <paramref name="sinceUtc"/> when there is none.
    /// </summary>
    public CallPage ToPage(WebFonesBatch batch, DateTime sinceUtc)
    {
        var calls = new List<NormalizedCall>(batch.Records.Count);
        var skipped = new List<SkippedRecord>(batch.TooLarge);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in batch.Records)
        {
            var raw = element.GetRawText();
            var (call, skip) = RecordMapping.MapOne(raw, "rid", () => (Read(element, raw), null));
            if (call is null)
            {
                skipped.Add(skip!);
            }
            else if (call.StartedAtUtc >= sinceUtc && seen.Add(call.VendorCallId))
            {
                calls.Add(call);
            }
        }
        var ordered = calls.OrderBy(c => c.StartedAtUtc).ToList(); // stable: the vendor's order within a second
        var watermark = ordered.Count == 0 ? sinceUtc : ordered[^1].StartedAtUtc;
        return new CallPage(ordered, skipped, watermark);
    }

    /// <summary>One record; throws <see cref="UnreadableRecordException"/> with the reason when it cannot be read.</summary>
    private NormalizedCall Read(JsonElement element, string raw)
    {
        WebFonesCallRecord? record;
        try
        {
            record = element.Deserialize<WebFonesCallRecord>(WebFonesCallRecord.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new UnreadableRecordException($"The record could not be read: {ex.Message}");
        }
        if (record is null)
        {
            throw new UnreadableRecordException("The record is null.");
        }
        if (record.Rid is not { } rid)
        {
            throw new UnreadableRecordException("The record has no rid.");
        }
        if (!WebFonesTime.TryParseLocal(record.CallTimestamp, out var local))
        {
            throw new UnreadableRecordException($"call_timestamp '{record.CallTimestamp}' is not a time in the form YYYY-MM-DD HH:MM:SS.");
        }
        if (record.Direction is null || !WebFonesCallMapping.Directions.TryGetValue(record.Direction.Trim(), out var direction))
        {
            throw new UnreadableRecordException($"direction '{record.Direction}' is neither INCOMING nor OUTGOING.");
        }
        return Map(record, rid, local, direction, raw);
    }

    private NormalizedCall Map(WebFonesCallRecord record, long rid, DateTime local, CallDirection direction, string raw)
    {
        var id = rid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var started = VendorTimestamp.LocalToUtc(local, zone);
        var outcome = WebFonesCallMapping.Outcome(record.Disposition, direction);
        var talk = record.BillSeconds is { } billsec ? Math.Max(0, billsec) : (int?)null;
        var total = record.Duration is { } duration ? Math.Max(0, duration) : (int?)null;
        int? ring = total is { } t && talk is { } b ? Math.Max(0, t - b) : null;
        return new NormalizedCall
        {
            VendorCallId = id,
            Direction = direction,
            Outcome = outcome,
            VendorStatus = record.Disposition,
            StartedAtUtc = started,
            AnsweredAtUtc = outcome == CallOutcome.Answered && ring is { } r ? started.AddSeconds(r) : null,
            EndedAtUtc = total is { } seconds ? started.AddSeconds(seconds) : null,
            DurationSeconds = talk ?? 0,
            RingSeconds = ring,
            Extension = Blank(record.ExtensionInside) ?? ExtensionOf(record.NumberInside),
            ExternalNumber = PhoneNumberNormalizer.ToE164(record.NumberOutside, settings.PhoneRegion),
            ExternalNumberOriginal = Blank(record.NumberOutside),
            ExternalName = Blank(record.NameOutside),
            Recordings = record.HasRecording == true ? [new RecordingInfo(id, null, null, null, null, null)] : [],
            RawPayload = raw,
        };
    }

    /// <summary>"(212) 555-0100, x101" → "101".</summary>
    private static string? ExtensionOf(string? numberInside)
    {
        var at = numberInside?.LastIndexOf(", x", StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : Blank(numberInside![(at + 3)..]);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
