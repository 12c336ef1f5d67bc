using Cronos;
using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Retention.Policies;

/// <summary>
/// When retention purges run: daily at <see cref="RetentionOptions.PurgeTime"/> in <see cref="RetentionOptions.PurgeTimeZone"/>
/// (validated at start). On a day when that time does not exist (a spring-forward gap) the run is at the first instant after
/// the gap; on a day when it occurs twice (fall back), once, at the first.
/// </summary>
public sealed class RetentionSchedule(IOptions<RetentionOptions> options)
{
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.PurgeTimeZone);

    /// <summary>The first run strictly after <paramref name="afterUtc"/>, in UTC.</summary>
    public DateTime NextRunUtc(DateTime afterUtc)
    {
        var time = options.Value.PurgeTime;
        var daily = CronExpression.Parse(FormattableString.Invariant($"{time.Minutes} {time.Hours} * * *"));
        return daily.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), Zone)
            ?? throw new InvalidOperationException("A daily schedule always has a next run.");
    }

    /// <summary>"daily at 02:00 (Europe/Berlin)".</summary>
    public string Words => FormattableString.Invariant($"daily at {options.Value.PurgeTime:hh\\:mm} ({options.Value.PurgeTimeZone})");
}
