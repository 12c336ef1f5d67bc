using System.Globalization;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCallHistory;

/// <summary>NFON Call History record → <see cref="NormalizedCall"/>.</summary>
internal static class NfonRecordMapper
{
    private static readonly string[] KnownServices = ["extension", "queue", "skill", "ivr", "group", "time-control", "voicemail"];
    private static readonly string[] ExternalContexts = ["global", "emergency", "short", "conference"];

    /// <summary>
    /// THE mapping table of NFON's <c>status</c> (README "NFON Call History"). NFON has no status for a technical
    /// failure; unknown and future values ("unknown", "busy", "rejected", …) map to Unknown, the raw value is kept.
    /// </summary>
    private static readonly Dictionary<string, CallResult> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["answered"] = CallResult.Connected,
        ["missed"] = CallResult.NeverConnected,
        ["cancelled"] = CallResult.NeverConnected,
    };

    /// <summary><paramref name="inbound"/>: the record's own direction (the end user's view), also for internal calls.</summary>
    public static CallOutcome Outcome(string? status, bool inbound) =>
        CallOutcomes.Of(Statuses, status, inbound ? CallDirection.Inbound : CallDirection.Outbound);

    /// <summary>Parses one record's JSON; throws <see cref="UnreadableRecordException"/> when it cannot be read.</summary>
    public static NfonRecord Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new UnreadableRecordException($"Not a call record: a JSON {element.ValueKind} instead of an object.");
        }
        try
        {
            return element.Deserialize<NfonRecord>(NfonJson.Options) ?? throw new UnreadableRecordException("Empty call record.");
        }
        catch (JsonException ex)
        {
            throw new UnreadableRecordException($"The record does not have NFON's shape at {ex.Path}: {ex.Message}");
        }
    }

    public static NormalizedCall Map(NfonRecord record, string raw, VendorConnectionSettings settings)
    {
        if (string.IsNullOrWhiteSpace(record.Uuid))
        {
            throw new UnreadableRecordException("The record has no uuid.");
        }
        var created = ParseTime(record.Created, settings.Zone)
            ?? throw new UnreadableRecordException($"created '{record.Created}' is not a date-time.");
        var caller = record.Caller ?? new NfonParty();
        var callee = record.Callee ?? new NfonParty();
        var inbound = IsInbound(record, caller, callee);
        var (ours, theirs) = inbound ? (callee, caller) : (caller, callee);
        if (!string.IsNullOrEmpty(record.Extension) && ours.Number != record.Extension && IsInternal(theirs) && theirs.Number == record.Extension)
        {
            (ours, theirs) = (theirs, ours);
        }

        return new NormalizedCall
        {
            VendorCallId = record.Uuid.Trim(),
            Direction = IsInternal(caller) && IsInternal(callee) ? CallDirection.Internal
                : inbound ? CallDirection.Inbound : CallDirection.Outbound,
            Outcome = Outcome(record.Status, inbound),
            VendorStatus = record.Status,
            StartedAtUtc = created,
            DurationSeconds = record.Duration is { } duration && double.IsFinite(duration) ? Math.Max(0, (int)Math.Round(duration)) : 0,
            Extension = IsInternal(ours) ? Blank(ours.Number) ?? Blank(record.Extension) : Blank(record.Extension),
            ExtensionName = IsInternal(ours) ? Blank(ours.Name) : null,
            ExternalNumber = Number(theirs, settings.PhoneRegion),
            ExternalNumberOriginal = Blank(theirs.Number),
            ExternalName = Blank(theirs.Name),
            History = History(record.History, settings),
            Transcript = Transcript(record, caller, callee, created, settings.Zone),
            VendorUpdatedAtUtc = ParseTime(record.Updated, settings.Zone),
            RawPayload = raw,
        };
    }

    /// <summary>Unknown contexts are K-numbers (internal), as the contract says.</summary>
    private static bool IsInternal(NfonParty party) =>
        !ExternalContexts.Contains(party.Context?.Trim().ToLowerInvariant() ?? "", StringComparer.Ordinal);

    private static bool IsInbound(NfonRecord record, NfonParty caller, NfonParty callee) => record.Direction?.Trim().ToLowerInvariant() switch
    {
        "inbound" => true,
        "outbound" => false,
        // Not sent or not known: whoever is outside called in; between extensions, the record's owner was called.
        _ => !IsInternal(caller) || (IsInternal(callee) && callee.Number == record.Extension),
    };

    /// <summary>global: E.164 without '+'; others (extensions, short codes, emergency) are kept as sent.</summary>
    private static string? Number(NfonParty party, string region)
    {
        var raw = Blank(party.Number);
        if (raw is null || party.Context?.Trim().ToLowerInvariant() != "global")
        {
            return raw;
        }
        return PhoneNumberNormalizer.ToE164("+" + raw.TrimStart('+'), region);
    }

    private static IReadOnlyList<CallLeg> History(JsonElement? history, VendorConnectionSettings settings)
    {
        if (history is not { ValueKind: JsonValueKind.Array } items)
        {
            return [];
        }
        var legs = new List<CallLeg>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var (side, element) = item.TryGetProperty("caller", out var c) && c.ValueKind == JsonValueKind.Object ? ("caller", c)
                : item.TryGetProperty("callee", out var e) && e.ValueKind == JsonValueKind.Object ? ("callee", e)
                : ("", default);
            if (side.Length == 0 || TryParty(element) is not { } party)
            {
                continue; // a history item of a shape this portal does not know: ignored, as the contract requires
            }
            var updated = item.TryGetProperty("updated", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : party.Updated;
            if (ParseTime(updated, settings.Zone) is not { } at)
            {
                continue;
            }
            legs.Add(new CallLeg(at, side, Number(party, settings.PhoneRegion), Blank(party.Name), Service(party)));
        }
        return legs;
    }

    /// <summary>EA.2 <c>service</c> or EA <c>destination_type</c>; unknown or empty → "extension".</summary>
    private static string Service(NfonParty party)
    {
        var service = (party.Service ?? party.DestinationType)?.Trim().ToLowerInvariant();
        return service is not null && KnownServices.Contains(service, StringComparer.Ordinal) ? service : "extension";
    }

    private static NfonParty? TryParty(JsonElement element)
    {
        try
        {
            return element.Deserialize<NfonParty>(NfonJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Speech entries only; speaker = the party's name, else its source word; offsets from the call's start.</summary>
    private static NormalizedTranscript? Transcript(NfonRecord record, NfonParty caller, NfonParty callee, DateTime created, TimeZoneInfo zone)
    {
        var transcription = record.Transcription;
        if (transcription is null || transcription.Available == false)
        {
            return null;
        }
        var lines = new List<TranscriptLine>();
        if (transcription.Transcript is { ValueKind: JsonValueKind.Array } entries)
        {
            foreach (var element in entries.EnumerateArray())
            {
                NfonTranscriptEntry? entry;
                try
                {
                    entry = element.Deserialize<NfonTranscriptEntry>(NfonJson.Options);
                }
                catch (JsonException)
                {
                    continue;
                }
                if (entry is null || entry.Event != "speech" || string.IsNullOrEmpty(entry.Text) || ParseTime(entry.Time, zone) is not { } at)
                {
                    continue;
                }
                var speaker = entry.Source switch
                {
                    "caller" => Blank(caller.Name),
                    "callee" => Blank(callee.Name),
                    _ => null,
                } ?? entry.Source ?? "unknown";
                lines.Add(new TranscriptLine(speaker, Math.Round((at - created).TotalSeconds, 3), entry.Text));
            }
        }
        var summary = Blank(transcription.Summary);
        return lines.Count == 0 && summary is null ? null : new NormalizedTranscript(summary, null, lines);
    }

    /// <summary>RFC 3339 to UTC; a time without zone is read in the connection's zone.</summary>
    public static DateTime? ParseTime(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            return null;
        }
        return value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => zone.IsInvalidTime(value) ? null : TimeZoneInfo.ConvertTimeToUtc(value, zone),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
