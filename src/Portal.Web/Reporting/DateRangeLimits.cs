using System.Globalization;

namespace Portal.Web.Reporting;

/// <summary>
/// The custom ranges the portal answers, so that no link can make it build millions of buckets or compute a date past
/// <see cref="DateTime.MaxValue"/>: no day before <see cref="Earliest"/>, none after a year from today (UTC), at most
/// <see cref="MaxYears"/> years long. A day outside is moved to the nearest allowed day and a range too long keeps its
/// last <see cref="MaxYears"/> years; the URL parser says so in words, <see cref="ReportingPeriod"/> applies the same limits silently.
/// </summary>
public static class DateRangeLimits
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public const int MaxYears = 5;

    /// <summary>The last day a range may reach: a year after <paramref name="today"/>.</summary>
    public static DateOnly Latest(DateOnly today) => today.AddYears(1);

    /// <summary>Today in UTC: the day the limits count from (a year's margin makes the viewer's zone irrelevant).</summary>
    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>The first day a date picker offers (pickers work in DateTime).</summary>
    public static DateTime FirstPickable => Earliest.ToDateTime(TimeOnly.MinValue);

    /// <summary>The last day a date picker of a range offers.</summary>
    public static DateTime LastPickable(DateTimeOffset now) => Latest(Today(now)).ToDateTime(TimeOnly.MinValue);

    /// <summary>The <paramref name="key"/> ("from" or "to") day moved into the allowed days; what was ignored goes to <paramref name="errors"/>.</summary>
    public static DateOnly Day(DateOnly day, string key, DateOnly today, ICollection<string>? errors = null)
    {
        var edge = key == "from" ? "starts" : "ends";
        if (day < Earliest)
        {
            errors?.Add($"The {key} date {Iso(day)} is before {Iso(Earliest)}, the earliest day the portal shows; it was ignored and the range {edge} on {Iso(Earliest)}.");
            return Earliest;
        }
        if (day > Latest(today))
        {
            errors?.Add($"The {key} date {Iso(day)} is after {Iso(Latest(today))}, a year from today; it was ignored and the range {edge} on {Iso(Latest(today))}.");
            return Latest(today);
        }
        return day;
    }

    /// <summary>The first day of a range ending on <paramref name="to"/>, so that it is at most <see cref="MaxYears"/> long.</summary>
    public static DateOnly FirstDay(DateOnly from, DateOnly to, ICollection<string>? errors = null)
    {
        var earliestFrom = to.AddYears(-MaxYears).AddDays(1);
        if (from >= earliestFrom)
        {
            return from;
        }
        errors?.Add($"The range {Iso(from)} to {Iso(to)} is longer than {MaxYears} years; the days before {Iso(earliestFrom)} were ignored.");
        return earliestFrom;
    }

    /// <summary>Both limits at once, silently (for ranges that did not come through the URL parser).</summary>
    public static (DateOnly From, DateOnly To) Limit(DateOnly from, DateOnly to, DateOnly today)
    {
        var (first, last) = (Day(from, "from", today), Day(to, "to", today));
        if (first > last)
        {
            (first, last) = (last, first);
        }
        return (FirstDay(first, last), last);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
