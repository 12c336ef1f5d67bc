namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>Timings of the NFON CTI emulator (configuration "Sandbox:NfonCti").</summary>
public sealed class NfonCtiEmulatorOptions
{
    public const string Section = "Sandbox:NfonCti";

    /// <summary>How long an access token is accepted (the vendor: 5 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refresh token is accepted (undocumented at the vendor); each is good for one refresh.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The pause between two states of a click-to-call progression.</summary>
    public TimeSpan CallStepDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an originated call talks before it ends.</summary>
    public TimeSpan CallTalkDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a callee that never answers (number ending in 9) rings before the call ends with "timeout".</summary>
    public TimeSpan CalleeNoAnswerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>While live traffic runs: how often some extension's presence changes (zero: never).</summary>
    public TimeSpan PresenceChangeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
