using System.Globalization;
using Microsoft.AspNetCore.Http;
using Portal.Sandbox.Traffic;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// The query parameters of GET/DELETE /records, parsed and validated. <c>from</c> and <c>to</c> are epoch
/// <b>seconds</b> (the emulator's choice; the contract gives no unit), exclusive: created &gt; from, created &lt; to.
/// </summary>
internal sealed record NfonRecordQuery
{
    private const double MillisecondsThreshold = 100_000_000_000; // year 5138 in seconds: larger values are milliseconds

    public string? Search { get; init; }
    public IReadOnlyList<Func<NfonRecordDto, bool>> Filters { get; init; } = [];
    public bool HasFilter { get; init; }
    public string? Extension { get; init; }
    public string? Customer { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public int Limit { get; init; }
    public int Offset { get; init; }
    public bool Complete { get; init; }
    public bool Ascending { get; init; }
    public IReadOnlyList<string> Uuids { get; init; } = [];

    /// <summary>Whether a bulk delete names anything at all (a DELETE /records without any is refused).</summary>
    public bool SelectsSomething => Uuids.Count > 0 || HasFilter || Search is not null || Extension is not null || From is not null || To is not null;

    public static bool TryParse(IQueryCollection query, out NfonRecordQuery result, out string error)
    {
        result = new NfonRecordQuery();
        error = "";
        var filters = new List<Func<NfonRecordDto, bool>>();
        foreach (var raw in Split(query["filter"]))
        {
            if (ParseFilter(raw) is { } filter)
            {
                filters.Add(filter);
            }
            else
            {
                error = $"Unknown filter '{raw}'. Allowed: status:missed, status:answered, status:cancelled, direction:inbound, direction:outbound, transcription, internal:<extension-number>, global:<number>, user_uuid:<uuid>.";
                return false;
            }
        }

        if (!TryTime(query, "from", out var from, ref error) || !TryTime(query, "to", out var to, ref error)
            || !TryInt(query, "limit", 0, NfonCallHistorySandbox.MaxLimit, out var limit, ref error)
            || !TryInt(query, "offset", 0, int.MaxValue, out var offset, ref error))
        {
            return false;
        }

        var complete = false;
        if (query["complete"].ToString() is { Length: > 0 } completeText && !bool.TryParse(completeText, out complete))
        {
            error = "complete must be true or false.";
            return false;
        }

        var sort = query["sort"].ToString();
        if (sort.Length > 0 && sort is not ("asc" or "desc"))
        {
            error = "sort must be asc or desc.";
            return false;
        }

        result = new NfonRecordQuery
        {
            Search = NullIfEmpty(query["search"]),
            Filters = filters,
            HasFilter = filters.Count > 0,
            Extension = NullIfEmpty(query["extension"]),
            Customer = NullIfEmpty(query["customer"]),
            From = from,
            To = to,
            Limit = limit,
            Offset = offset,
            Complete = complete,
            Ascending = sort == "asc",
            Uuids = query["uuid"].Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim()).ToList(),
        };
        return true;
    }

    /// <summary>Whether a record matches everything but paging (search, filters, extension, from/to).</summary>
    public bool Matches(PublishedCall published, NfonRecordDto record)
    {
        var created = published.Call.StartedAtUtc;
        return (From is null || created > From)
            && (To is null || created < To)
            && (Extension is null || record.Extension == Extension)
            && (Search is null || MatchesSearch(record, Search))
            && Filters.All(f => f(record));
    }

    private static bool MatchesSearch(NfonRecordDto record, string search) =>
        new[] { record.Caller.Name, record.Caller.Number, record.Callee.Name, record.Callee.Number }
            .Any(v => v is not null && v.Contains(search, StringComparison.OrdinalIgnoreCase));

    private static Func<NfonRecordDto, bool>? ParseFilter(string filter)
    {
        var colon = filter.IndexOf(':', StringComparison.Ordinal);
        var (key, value) = colon < 0 ? (filter, "") : (filter[..colon], filter[(colon + 1)..]);
        return key switch
        {
            "status" when value is "missed" or "answered" or "cancelled" => r => r.Status == value,
            "direction" when value is "inbound" or "outbound" => r => r.Direction == value,
            "transcription" when value.Length == 0 => r => r.Transcription is not null,
            "internal" when value.Length > 0 => r => IsInternal(r.Caller, value) || IsInternal(r.Callee, value),
            "global" when value.Length > 0 => r => IsGlobal(r.Caller, value) || IsGlobal(r.Callee, value),
            "user_uuid" when value.Length > 0 => r => r.UserUuid == value,
            _ => null,
        };
    }

    private static bool IsInternal(NfonPartyDto party, string number) => party.Context != "global" && party.Number == number;

    private static bool IsGlobal(NfonPartyDto party, string number) => party.Context == "global" && party.Number == number.TrimStart('+');

    private static IEnumerable<string> Split(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool TryTime(IQueryCollection query, string name, out DateTime? value, ref string error)
    {
        value = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || double.IsInfinity(seconds))
        {
            error = $"{name} must be a number: a Unix time in seconds.";
            return false;
        }
        if (seconds >= MillisecondsThreshold)
        {
            error = $"{name}={text} looks like milliseconds; this API takes a Unix time in seconds.";
            return false;
        }
        value = DateTime.UnixEpoch.AddSeconds(seconds);
        return true;
    }

    private static bool TryInt(IQueryCollection query, string name, int min, int max, out int value, ref string error)
    {
        value = 0;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"{name} must be a whole number from {min} to {max}.";
            return false;
        }
        return true;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 } text ? text : null;
}
