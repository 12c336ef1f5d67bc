using Microsoft.Extensions.Options;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Faults;

/// <summary>The faults in force per emulated vendor, with the counters of bursts and storms. Thread-safe.</summary>
public sealed class FaultRegistry(IOptions<SandboxOptions> options)
{
    private readonly object _gate = new();
    private readonly Dictionary<VendorKind, VendorFaults> _faults = options.Value.Faults.ToDictionary(f => f.Key, f => f.Value);

    public VendorFaults Get(VendorKind vendor)
    {
        lock (_gate)
        {
            return _faults.GetValueOrDefault(vendor) ?? VendorFaults.None;
        }
    }

    public void Set(VendorKind vendor, VendorFaults faults)
    {
        lock (_gate)
        {
            _faults[vendor] = faults;
        }
    }

    /// <summary>What to do with the next request: counts bursts and storms down.</summary>
    internal FaultDecision NextRequest(VendorKind vendor)
    {
        lock (_gate)
        {
            var faults = _faults.GetValueOrDefault(vendor) ?? VendorFaults.None;
            if (faults.RateLimitNextRequests > 0)
            {
                _faults[vendor] = faults with { RateLimitNextRequests = faults.RateLimitNextRequests - 1 };
                return new FaultDecision(FaultAction.RateLimit, faults);
            }
            if (faults.FailNextRequests > 0)
            {
                _faults[vendor] = faults with { FailNextRequests = faults.FailNextRequests - 1 };
                return new FaultDecision(FaultAction.Fail, faults);
            }
            return new FaultDecision(Random.Shared.NextDouble() < faults.ErrorRate ? FaultAction.Fail : FaultAction.None, faults);
        }
    }

    /// <summary>Whether this record should be sent malformed.</summary>
    public bool ShouldMalform(VendorKind vendor) => Random.Shared.NextDouble() < Get(vendor).MalformedRate;
}

internal enum FaultAction { None, Fail, RateLimit }

internal sealed record FaultDecision(FaultAction Action, VendorFaults Faults);
