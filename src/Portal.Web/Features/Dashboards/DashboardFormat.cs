using System.Globalization;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Dashboards;

/// <summary>How the dashboard writes its numbers, changes, ranges and times: one place for tiles, tables and the header.</summary>
public static class DashboardFormat
{
    public const string None = "—";

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A rate (0.1234) as a percentage with one decimal ("12.3%").</summary>
    public static string Percent(double? rate) =>
        rate is { } value ? (value * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%" : None;

    /// <summary>Seconds as m:ss, or h:mm:ss from one hour on.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } value)
        {
            return None;
        }
        var total = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        var (hours, minutes, secs) = (total / 3600, total % 3600 / 60, total % 60);
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{secs:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}:{secs:00}");
    }

    public static string Value(KpiKind kind, double? value) => kind switch
    {
        KpiKind.Rate => Percent(value),
        KpiKind.Duration => Duration(value),
        _ => value is { } count ? Count((long)Math.Round(count)) : None,
    };

    /// <summary>The raw number for <c>data-value</c>: invariant culture, empty when there is none.</summary>
    public static string Raw(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The change against the previous period (<see cref="KpiCatalog.Change"/>) in words: percent for counts and durations, percentage points for rates.
    /// Without a baseline it says so ("no calls before" when the previous period had no calls at all).
    /// </summary>
    public static KpiChange Change(KpiKind kind, KpiPolarity polarity, double? current, double? previous, bool previousHadCalls)
    {
        if (previous is null || (kind != KpiKind.Rate && previous == 0))
        {
            return new KpiChange(KpiTrend.None, KpiTone.Neutral, previousHadCalls ? "none before" : "no calls before");
        }
        if (current is null)
        {
            return new KpiChange(KpiTrend.None, KpiTone.Neutral, "none now");
        }

        var change = KpiCatalog.Change(kind, current, previous)!.Value;
        var (delta, text) = kind == KpiKind.Rate ? (change, " pp") : (Math.Round(change * 100, 1), "%");
        if (delta == 0)
        {
            return new KpiChange(KpiTrend.Flat, KpiTone.Neutral, "no change");
        }
        var trend = delta > 0 ? KpiTrend.Up : KpiTrend.Down;
        var tone = polarity switch
        {
            KpiPolarity.HigherIsBetter => trend == KpiTrend.Up ? KpiTone.Good : KpiTone.Bad,
            KpiPolarity.LowerIsBetter => trend == KpiTrend.Up ? KpiTone.Bad : KpiTone.Good,
            _ => KpiTone.Neutral,
        };
        return new KpiChange(trend, tone, (delta > 0 ? "+" : "−") + Math.Abs(delta).ToString("0.0", CultureInfo.CurrentCulture) + text);
    }

    /// <summary>Days of a period, short: "23 Nov 2026", "17–23 Nov 2026", "28 Oct – 3 Nov 2026", "15 Dec 2025 – 13 Jan 2026".</summary>
    public static string Days(DateOnly first, DateOnly last)
    {
        var c = CultureInfo.InvariantCulture;
        if (first == last)
        {
            return first.ToString("d MMM yyyy", c);
        }
        if (first.Year != last.Year)
        {
            return $"{first.ToString("d MMM yyyy", c)} – {last.ToString("d MMM yyyy", c)}";
        }
        return first.Month == last.Month
            ? $"{first.Day}–{last.ToString("d MMM yyyy", c)}"
            : $"{first.ToString("d MMM", c)} – {last.ToString("d MMM yyyy", c)}";
    }

    /// <summary>A local time span, for the previous period: "10 Nov 14:00 – 17 Nov 00:00".</summary>
    public static string Span(DateTime localFrom, DateTime localTo) =>
        $"{localFrom.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)} – {localTo.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>A local date and time in tables: "2026-11-23 14:05".</summary>
    public static string DateTime(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>How long ago, roughly: "45 min", "5 h", "3 d".</summary>
    public static string Age(TimeSpan age) =>
        age.TotalHours < 1 ? $"{Math.Max(0, (int)age.TotalMinutes)} min"
        : age.TotalDays < 2 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} d";

    /// <summary>An extension with its name; "" is the calls that have none (e.g. Unpod's).</summary>
    public static string Extension(string extension, string? name) =>
        extension.Length == 0 ? "No extension" : string.IsNullOrWhiteSpace(name) ? extension : $"{extension} · {name}";
}

public enum KpiTrend
{
    None,
    Flat,
    Up,
    Down,
}

public enum KpiTone
{
    Neutral,
    Good,
    Bad,
}

public sealed record KpiChange(KpiTrend Trend, KpiTone Tone, string Text);
