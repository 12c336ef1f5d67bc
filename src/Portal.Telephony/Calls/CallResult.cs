namespace Portal.Telephony.Calls;

/// <summary>What a vendor's status word says about a call before its direction is considered.</summary>
public enum CallResult
{
    /// <summary>A word the portal does not know.</summary>
    Unknown,
    /// <summary>The call was connected.</summary>
    Connected,
    /// <summary>Never connected: no answer, busy, declined, cancelled, abandoned.</summary>
    NeverConnected,
    /// <summary>A technical failure.</summary>
    Failed,
}

/// <summary>The one rule that turns a vendor's word into the portal's outcome (docs/architecture.md, "The normalized call model").</summary>
public static class CallOutcomes
{
    /// <summary>Never connected is <see cref="CallOutcome.NotConnected"/> when outbound, otherwise <see cref="CallOutcome.Missed"/>.</summary>
    public static CallOutcome Of(CallResult result, CallDirection direction) => result switch
    {
        CallResult.Connected => CallOutcome.Answered,
        CallResult.Failed => CallOutcome.Failed,
        CallResult.NeverConnected => direction == CallDirection.Outbound ? CallOutcome.NotConnected : CallOutcome.Missed,
        _ => CallOutcome.Unknown,
    };

    /// <summary>Looks <paramref name="status"/> up (trimmed) in a vendor's table; a word not in it is <see cref="CallOutcome.Unknown"/>.</summary>
    public static CallOutcome Of(IReadOnlyDictionary<string, CallResult> table, string? status, CallDirection direction) =>
        Of(status is not null && table.TryGetValue(status.Trim(), out var result) ? result : CallResult.Unknown, direction);
}
