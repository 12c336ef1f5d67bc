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
}

public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    private const string Prefix = RetentionOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, RetentionOptions options) => Result(
        options.BatchSize is < 1 or > 50_000 ? $"{Prefix}{nameof(options.BatchSize)} must be between 1 and 50000." : null,
        options.ReclaimSpaceAfterDeletedCalls < 0 ? $"{Prefix}{nameof(options.ReclaimSpaceAfterDeletedCalls)} must not be negative." : null,
        Duration(Prefix + nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1)));
}
