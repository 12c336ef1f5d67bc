namespace Portal.Telephony.Calls;

/// <summary>How a call ended, with the same meaning for every vendor (docs/architecture.md, "The normalized call model").</summary>
public enum CallOutcome
{
    /// <summary>The vendor sent a value the portal does not know; the raw value is kept.</summary>
    Unknown = 0,

    /// <summary>The call was connected.</summary>
    Answered = 1,

    /// <summary>Inbound, never connected: no answer, caller gave up, busy, declined, abandoned.</summary>
    Missed = 2,

    /// <summary>Outbound, never connected: no answer, busy, declined, cancelled.</summary>
    NotConnected = 3,

    /// <summary>A technical failure: unreachable, network or trunk error.</summary>
    Failed = 4,
}
