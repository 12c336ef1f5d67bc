using System.Globalization;
using Portal.Web.Reporting.Spreadsheets;
using Portal.Web.Vendors;

namespace Portal.Web.Reporting;

/// <summary>Names of the connections and teams a filter refers to by id or key, for its description in words.</summary>
public sealed record FilterNames(IReadOnlyDictionary<int, string> Connections, IReadOnlyDictionary<string, string> Teams)
{
    public static FilterNames None { get; } = new(new Dictionary<int, string>(), new Dictionary<string, string>());
}

/// <summary>A filter in words, for the first rows of an export and the bulk-delete wizard: the period ("Last 7 days, 2026-11-17 to 2026-11-23") and the rest
/// ("direction: inbound; teams: Support", or "all calls").</summary>
public static class CallFilterText
{
    public static string Calls(CallFilter filter, FilterNames names)
    {
        var parts = DashboardParts(filter.Dashboard, names);
        if (filter.Outcomes.Count > 0)
        {
            parts.Add("outcome: " + string.Join(", ", filter.Outcomes.Select(o => ExportLabels.Outcome(o).ToLowerInvariant())));
        }
        if (filter.Search is { } search)
        {
            parts.Add($"number or name: \"{search}\"");
        }
        if (filter.MinTalkSeconds is not null || filter.MaxTalkSeconds is not null)
        {
            parts.Add((filter.MinTalkSeconds, filter.MaxTalkSeconds) switch
            {
                ({ } min, { } max) => $"talk time {min}–{max} s",
                ({ } min, null) => $"talk time at least {min} s",
                (null, { } max) => $"talk time at most {max} s",
                _ => "",
            });
        }
        if (filter.HasTranscript)
        {
            parts.Add("with transcript");
        }
        if (filter.HasRecording)
        {
            parts.Add("with recording");
        }
        if (filter.Text is { } text)
        {
            parts.Add($"transcript text: \"{text}\"");
        }
        return Join(parts);
    }

    public static string Dashboard(DashboardFilter filter, FilterNames names)
    {
        var parts = DashboardParts(filter, names);
        var text = Join(parts);
        return text + string.Create(CultureInfo.InvariantCulture, $"; missed calls count as returned within {filter.UnreturnedWindowHours} h");
    }

    /// <summary>"Last 7 days, 2026-11-17 to 2026-11-23", "Today, 2026-11-23" or "2026-11-01 to 2026-11-15".</summary>
    public static string Range(DashboardFilter filter, ReportingPeriod period)
    {
        var days = period.FirstDay == period.LastDay
            ? Day(period.FirstDay)
            : $"{Day(period.FirstDay)} to {Day(period.LastDay)}";
        return filter.Range switch
        {
            DateRangePreset.Custom => days,
            _ => $"{filter.Range.Label()}, {days}",
        };
    }

    private static List<string> DashboardParts(DashboardFilter filter, FilterNames names)
    {
        var parts = new List<string>();
        if (filter.ConnectionIds.Count > 0)
        {
            parts.Add("connections: " + string.Join(", ", filter.ConnectionIds.Select(id =>
                names.Connections.TryGetValue(id, out var name) ? name : $"#{id} (no longer exists)")));
        }
        if (filter.Vendors.Count > 0)
        {
            parts.Add("vendors: " + string.Join(", ", filter.Vendors.Select(VendorCatalog.Label)));
        }
        if (filter.Direction is { } direction)
        {
            parts.Add("direction: " + ExportLabels.Direction(direction).ToLowerInvariant());
        }
        if (filter.Teams.Count > 0)
        {
            parts.Add("teams: " + string.Join(", ", filter.Teams.Select(key => names.Teams.TryGetValue(key, out var name) ? name : $"{key} (unknown team)")));
        }
        if (filter.Extensions.Count > 0)
        {
            parts.Add("extensions: " + string.Join(", ", filter.Extensions));
        }
        return parts;
    }

    private static string Join(List<string> parts) =>
        parts.Count == 0 ? "all calls" : string.Join("; ", parts);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
