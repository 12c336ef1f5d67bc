namespace Portal.Web.Reporting;

/// <summary>Charts show hours for ranges up to two days, days beyond.</summary>
public enum BucketSize
{
    Hour,
    Day,
}

/// <summary>
/// A dashboard range resolved in the viewer's zone: [<see cref="FromUtc"/>, <see cref="ToUtc"/>) covers whole local days; the
/// previous period has the same length as the part of the range that has already happened, and ends where the range starts.
/// Rollups are hourly, so boundaries are whole UTC hours (in zones with a half-hour offset, day starts are rounded down to the hour).
/// A custom range is kept within <see cref="DateRangeLimits"/>, so no date arithmetic here can leave DateTime's range.
/// </summary>
public sealed record ReportingPeriod(
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTime FromUtc,
    DateTime ToUtc,
    DateTime PreviousFromUtc,
    DateTime PreviousToUtc,
    BucketSize BucketSize,
    TimeZoneInfo Zone)
{
    public static ReportingPeriod Resolve(DashboardFilter filter, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var (first, last) = filter.Range switch
        {
            DateRangePreset.Today => (today, today),
            DateRangePreset.Yesterday => (today.AddDays(-1), today.AddDays(-1)),
            DateRangePreset.Last7Days => (today.AddDays(-6), today),
            DateRangePreset.Last30Days => (today.AddDays(-29), today),
            DateRangePreset.Last90Days => (today.AddDays(-89), today),
            DateRangePreset.ThisMonth => (new DateOnly(today.Year, today.Month, 1), today),
            DateRangePreset.LastMonth => (new DateOnly(today.Year, today.Month, 1).AddMonths(-1), new DateOnly(today.Year, today.Month, 1).AddDays(-1)),
            DateRangePreset.Last12Months => (today.AddMonths(-12).AddDays(1), today),
            _ => DateRangeLimits.Limit(filter.From ?? today, filter.To ?? filter.From ?? today, DateRangeLimits.Today(now)),
        };

        var fromUtc = StartOfDayUtc(first, zone);
        var toUtc = StartOfDayUtc(last.AddDays(1), zone);
        var happenedUntil = Min(toUtc, CeilingToHour(now.UtcDateTime));
        var length = happenedUntil > fromUtc ? happenedUntil - fromUtc : toUtc - fromUtc;
        var size = toUtc - fromUtc <= TimeSpan.FromHours(50) ? BucketSize.Hour : BucketSize.Day;
        return new ReportingPeriod(first, last, fromUtc, toUtc, fromUtc - length, fromUtc, size, zone);
    }

    /// <summary>The buckets of the charts, as local times (start of each hour or day).</summary>
    public IReadOnlyList<DateTime> Buckets()
    {
        var buckets = new List<DateTime>();
        if (BucketSize == BucketSize.Day)
        {
            for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
            {
                buckets.Add(day.ToDateTime(TimeOnly.MinValue));
            }
            return buckets;
        }
        for (var hour = FromUtc; hour < ToUtc; hour = hour.AddHours(1))
        {
            buckets.Add(BucketOf(hour));
        }
        return buckets;
    }

    /// <summary>The bucket (local start) a UTC hour falls into.</summary>
    public DateTime BucketOf(DateTime hourUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(hourUtc, DateTimeKind.Utc), Zone);
        return BucketSize == BucketSize.Day ? local.Date : new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0);
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // A day that starts in a DST gap (rare) starts at the first valid local time.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        var utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
    }

    private static DateTime CeilingToHour(DateTime utc)
    {
        var hour = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        return hour == utc ? hour : hour.AddHours(1);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
