using System.Text;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.WebFones;

/// <summary>Turns the records of a <c>records_after_timestamp</c> answer into <see cref="CallPage"/>s.</summary>
internal sealed class WebFonesRecordReader(VendorConnectionSettings settings, TimeZoneInfo zone)
{
    /// <summary>A whole answer already in memory, as one page.</summary>
    public CallPage ToPage(JsonElement root, DateTime sinceUtc)
    {
        var page = NewPage(sinceUtc);
        foreach (var item in WebFonesAnswerReader.ReadAll(Encoding.UTF8.GetBytes(root.GetRawText())))
        {
            page.Add(item);
        }
        return page.Build();
    }

    /// <summary>A page to fill record by record, each mapped as it comes (only the calls are kept, not the JSON).</summary>
    public Page NewPage(DateTime sinceUtc) => new(this, sinceUtc);

    /// <summary>
    /// The calls that started at or after <c>sinceUtc</c>, each rid once, oldest first; records that cannot be read are
    /// skipped with the reason. The watermark is the latest start read, or <c>sinceUtc</c> when there is none.
    /// </summary>
    internal sealed class Page(WebFonesRecordReader reader, DateTime sinceUtc)
    {
        private readonly List<NormalizedCall> _calls = [];
        private readonly List<SkippedRecord> _skipped = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        /// <summary>Records added, whatever became of them.</summary>
        public int Records { get; private set; }

        public void Add(WebFonesItem item)
        {
            Records++;
            if (item.TooLarge is { } tooLarge)
            {
                _skipped.Add(tooLarge);
                return;
            }
            var raw = item.Record.GetRawText();
            var (call, skip) = RecordMapping.MapOne(raw, "rid", () => (reader.Read(item.Record, raw), null));
            if (call is null)
            {
                _skipped.Add(skip!);
            }
            else if (call.StartedAtUtc >= sinceUtc && _seen.Add(call.VendorCallId))
            {
                _calls.Add(call);
            }
        }

        public CallPage Build()
        {
            var ordered = _calls.OrderBy(c => c.StartedAtUtc).ToList(); // stable: the vendor's order within a second
            return new CallPage(ordered, _skipped, ordered.Count == 0 ? sinceUtc : ordered[^1].StartedAtUtc);
        }
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
