using Microsoft.Extensions.Options;
using static Portal.Web.Hosting.SettingRules;

namespace Portal.Web.Features.Retention;

/// <summary>The deletion jobs' settings (configuration section "Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Calls per batch, each batch one transaction.</summary>
    public int BatchSize { get; set; } = Data.CallStore.CallDeletionEngine.DefaultBatchSize;

    /// <summary>After a job that deleted at least this many calls, the runner gives the freed space back (SQLite).</summary>
    public long ReclaimSpaceAfterDeletedCalls { get; set; } = 10_000;

    /// <summary>How often the runner looks for jobs made by another instance (its own wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time of day (whole minutes) at which retention policies purge, in <see cref="PurgeTimeZone"/>.</summary>
    public TimeSpan PurgeTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The IANA zone of <see cref="PurgeTime"/> ("Europe/Berlin"); daylight-saving changes are followed.</summary>
    public string PurgeTimeZone { get; set; } = "UTC";
}

public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    private const string Prefix = RetentionOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, RetentionOptions options) => Result(
        options.BatchSize is < 1 or > 50_000 ? $"{Prefix}{nameof(options.BatchSize)} must be between 1 and 50000." : null,
        options.ReclaimSpaceAfterDeletedCalls < 0 ? $"{Prefix}{nameof(options.ReclaimSpaceAfterDeletedCalls)} must not be negative." : null,
        Duration(Prefix + nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1)),
        options.PurgeTime < TimeSpan.Zero || options.PurgeTime >= TimeSpan.FromDays(1) || options.PurgeTime.Ticks % TimeSpan.TicksPerMinute != 0
            ? $"{Prefix}{nameof(options.PurgeTime)} must be a time of day in whole minutes, such as 02:00."
            : null,
        string.IsNullOrWhiteSpace(options.PurgeTimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(options.PurgeTimeZone, out _)
            ? $"{Prefix}{nameof(options.PurgeTimeZone)} must be an IANA time zone, such as Europe/Berlin or UTC."
            : null);
}
