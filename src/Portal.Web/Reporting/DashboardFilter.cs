using Portal.Telephony.Calls;

namespace Portal.Web.Reporting;

/// <summary>The date ranges a dashboard offers; <see cref="Custom"/> uses <see cref="DashboardFilter.From"/>/<see cref="DashboardFilter.To"/>.</summary>
public enum DateRangePreset
{
    Today,
    Yesterday,
    Last7Days,
    Last30Days,
    Last90Days,
    ThisMonth,
    LastMonth,
    Last12Months,
    Custom,
}

public static class DateRangePresets
{
    /// <summary>The range in words, as the filters, the dashboard's header and the exports show it.</summary>
    public static string Label(this DateRangePreset range) => range switch
    {
        DateRangePreset.Today => "Today",
        DateRangePreset.Yesterday => "Yesterday",
        DateRangePreset.Last7Days => "Last 7 days",
        DateRangePreset.Last30Days => "Last 30 days",
        DateRangePreset.Last90Days => "Last 90 days",
        DateRangePreset.ThisMonth => "This month",
        DateRangePreset.LastMonth => "Last month",
        DateRangePreset.Last12Months => "Last 12 months",
        _ => "Custom range",
    };
}

/// <summary>
/// What a supervisor looks at: a range of days in the viewer's time zone and which calls. Empty lists mean "all".
/// Lives in the URL (<see cref="DashboardFilterQuery"/>), so a view can be bookmarked and shared.
/// </summary>
public sealed record DashboardFilter
{
    public const int DefaultUnreturnedWindowHours = 24;

    public DateRangePreset Range { get; init; } = DateRangePreset.Last7Days;
    /// <summary>First day of a custom range, in the viewer's zone.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last day (inclusive) of a custom range, in the viewer's zone.</summary>
    public DateOnly? To { get; init; }
    public IReadOnlyList<int> ConnectionIds { get; init; } = [];
    public IReadOnlyList<VendorKind> Vendors { get; init; } = [];
    public CallDirection? Direction { get; init; }
    /// <summary>Team keys (<see cref="Data.Entities.Team.Key"/>).</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
    public IReadOnlyList<string> Extensions { get; init; } = [];
    /// <summary>A missed call counts as returned when an answered call with the same number follows within this many hours.</summary>
    public int UnreturnedWindowHours { get; init; } = DefaultUnreturnedWindowHours;

    public bool Equals(DashboardFilter? other) =>
        other is not null && Range == other.Range && From == other.From && To == other.To && Direction == other.Direction
        && UnreturnedWindowHours == other.UnreturnedWindowHours && ConnectionIds.SequenceEqual(other.ConnectionIds)
        && Vendors.SequenceEqual(other.Vendors) && Teams.SequenceEqual(other.Teams) && Extensions.SequenceEqual(other.Extensions);

    public override int GetHashCode() => HashCode.Combine(Range, From, To, Direction, UnreturnedWindowHours, ConnectionIds.Count, Extensions.Count);
}
