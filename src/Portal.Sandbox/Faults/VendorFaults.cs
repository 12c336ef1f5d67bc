namespace Portal.Sandbox.Faults;

/// <summary>
/// Trouble one emulated vendor makes on purpose (configuration "Sandbox:Faults:&lt;Vendor&gt;", or
/// PUT /sandbox/faults/{vendor} at run time).
/// </summary>
public sealed record VendorFaults
{
    /// <summary>Share of requests (0..1) answered with a 500 in the vendor's error format.</summary>
    public double ErrorRate { get; init; }
    /// <summary>The next N requests answer 500 (a burst), then normal service.</summary>
    public int FailNextRequests { get; init; }
    /// <summary>The next N requests answer 429 (a storm), each with Retry-After: <see cref="RetryAfterSeconds"/>.</summary>
    public int RateLimitNextRequests { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    /// <summary>Extra delay before every answer.</summary>
    public int LatencyMilliseconds { get; init; }
    /// <summary>Live streams end (the connection drops) after this many events; 0 = never.</summary>
    public int DropStreamsAfterEvents { get; init; }
    /// <summary>Share of records (0..1) sent malformed (the emulator breaks a field its adapter needs).</summary>
    public double MalformedRate { get; init; }
    /// <summary>Every credential is refused as if revoked.</summary>
    public bool TokensRevoked { get; init; }

    public static VendorFaults None { get; } = new();
}
