using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox;

/// <summary>Settings of the sandbox (configuration section "Sandbox").</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public DevIdentityOptions Identity { get; set; } = new();

    public TrafficOptions Traffic { get; set; } = new();

    /// <summary>Faults each emulated vendor starts with (none by default).</summary>
    public Dictionary<VendorKind, VendorFaults> Faults { get; set; } = [];
}
