using Microsoft.Extensions.Options;
using static Portal.Web.Hosting.SettingRules;

namespace Portal.Web.Features.Sync;

/// <summary>Durations the engine can work with: none negative or zero where it loops on them, none absurdly long.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    private const string Prefix = SyncOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, SyncOptions options) => Result(
        Duration(Prefix + nameof(options.Overlap), options.Overlap, TimeSpan.Zero, TimeSpan.FromDays(7)),
        Duration(Prefix + nameof(options.EngineInterval), options.EngineInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1)),
        // Renewed at a third of it: at least a second between renewals.
        Duration(Prefix + nameof(options.LeaseDuration), options.LeaseDuration, TimeSpan.FromSeconds(3), TimeSpan.FromHours(1)),
        Duration(Prefix + nameof(options.MaxBackoff), options.MaxBackoff, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)));
}
