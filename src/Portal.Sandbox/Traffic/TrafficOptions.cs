namespace Portal.Sandbox.Traffic;

/// <summary>Generated traffic (configuration "Sandbox:Traffic"): deterministic for a seed.</summary>
public sealed class TrafficOptions
{
    public int Seed { get; set; } = 42;
    /// <summary>How far back the history reaches when the sandbox starts.</summary>
    public int HistoryDays { get; set; } = 90;
    /// <summary>Calls on an average weekday, per vendor.</summary>
    public int CallsPerDay { get; set; } = 200;
    /// <summary>Publish calls as they end while the sandbox runs.</summary>
    public bool LiveEnabled { get; set; } = true;
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(5);
}
