using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Portal.Telephony.Calls;

namespace Portal.Web.Reporting;

/// <summary>
/// The dashboard filter as URL query parameters: <c>range</c>, <c>from</c>/<c>to</c> (yyyy-MM-dd, custom range), <c>connection</c>,
/// <c>vendor</c>, <c>direction</c>, <c>team</c>, <c>extension</c> (repeatable) and <c>window</c> (hours). Defaults are left out.
/// A value that cannot be read is ignored and reported in words; custom ranges are kept within <see cref="DateRangeLimits"/>.
/// </summary>
public static class DashboardFilterQuery
{
    /// <param name="today">Today in UTC (<see cref="DateRangeLimits.Today"/>): no range reaches more than a year beyond it.</param>
    public static (DashboardFilter Filter, IReadOnlyList<string> Errors) Parse(string? query, DateOnly today)
    {
        var values = QueryHelpers.ParseQuery(query);
        var errors = new List<string>();
        var filter = new DashboardFilter();

        if (Single(values, "range") is { } range)
        {
            if (TryName<DateRangePreset>(range, out var preset))
            {
                filter = filter with { Range = preset };
            }
            else
            {
                errors.Add($"Unknown date range \"{range}\"; showing the last 7 days.");
            }
        }
        var from = Date(values, "from", today, errors);
        var to = Date(values, "to", today, errors);
        if (from is not null || to is not null)
        {
            if (from is not null && to is not null && to < from)
            {
                errors.Add($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); the dates were swapped.");
                (from, to) = (to, from);
            }
            var last = (to ?? from)!.Value;
            filter = filter with { Range = DateRangePreset.Custom, From = DateRangeLimits.FirstDay(from ?? last, last, errors), To = last };
        }
        else if (filter.Range == DateRangePreset.Custom)
        {
            errors.Add("A custom range needs a from or to date; showing the last 7 days.");
            filter = filter with { Range = DateRangePreset.Last7Days };
        }

        filter = filter with
        {
            ConnectionIds = List(values, "connection", errors, "connection", s => (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0, id)),
            Vendors = List(values, "vendor", errors, "vendor", s => (TryName<VendorKind>(s, out var v), v)),
            Teams = List(values, "team", errors, "team", s => (s.Length <= 100, s)),
            Extensions = List(values, "extension", errors, "extension", s => (s.Length <= 50, s)),
        };

        if (Single(values, "direction") is { } direction)
        {
            if (TryName<CallDirection>(direction, out var d))
            {
                filter = filter with { Direction = d };
            }
            else
            {
                errors.Add($"Unknown direction \"{direction}\"; showing all directions.");
            }
        }
        if (Single(values, "window") is { } window)
        {
            if (int.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= 24 * 30)
            {
                filter = filter with { UnreturnedWindowHours = hours };
            }
            else
            {
                errors.Add($"The call-back window must be 1 to 720 hours, not \"{window}\"; using {DashboardFilter.DefaultUnreturnedWindowHours}.");
            }
        }
        return (filter, errors);
    }

    /// <summary>The query string ("?…", or "" for the default view).</summary>
    public static string Format(DashboardFilter filter)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (filter.Range == DateRangePreset.Custom)
        {
            pairs.Add(new("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            pairs.Add(new("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        else if (filter.Range != DateRangePreset.Last7Days)
        {
            pairs.Add(new("range", filter.Range.ToString().ToLowerInvariant()));
        }
        pairs.AddRange(filter.ConnectionIds.Select(id => new KeyValuePair<string, string?>("connection", id.ToString(CultureInfo.InvariantCulture))));
        pairs.AddRange(filter.Vendors.Select(v => new KeyValuePair<string, string?>("vendor", v.ToString().ToLowerInvariant())));
        if (filter.Direction is { } direction)
        {
            pairs.Add(new("direction", direction.ToString().ToLowerInvariant()));
        }
        pairs.AddRange(filter.Teams.Select(t => new KeyValuePair<string, string?>("team", t)));
        pairs.AddRange(filter.Extensions.Select(e => new KeyValuePair<string, string?>("extension", e)));
        if (filter.UnreturnedWindowHours != DashboardFilter.DefaultUnreturnedWindowHours)
        {
            pairs.Add(new("window", filter.UnreturnedWindowHours.ToString(CultureInfo.InvariantCulture)));
        }
        return QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>An enum value by its name, any case; numbers are not names.</summary>
    internal static bool TryName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && text.Length > 0 && char.IsLetter(text[0]);

    private static string? Single(Dictionary<string, StringValues> values, string key) =>
        values.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v[^1] : null;

    private static DateOnly? Date(Dictionary<string, StringValues> values, string key, DateOnly today, List<string> errors)
    {
        if (Single(values, key) is not { } text)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateRangeLimits.Day(date, key, today, errors);
        }
        errors.Add($"\"{text}\" is not a date (yyyy-MM-dd); the {key} date was ignored.");
        return null;
    }

    private static IReadOnlyList<T> List<T>(Dictionary<string, StringValues> values, string key, List<string> errors, string what, Func<string, (bool Ok, T Value)> read)
    {
        if (!values.TryGetValue(key, out var raw))
        {
            return [];
        }
        var list = new List<T>();
        foreach (var text in raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var (ok, value) = read(text);
            if (ok)
            {
                if (!list.Contains(value))
                {
                    list.Add(value);
                }
            }
            else
            {
                errors.Add($"Unknown {what} \"{text}\" was ignored.");
            }
        }
        return list;
    }
}
