namespace Portal.Sandbox;

/// <summary>Settings of the sandbox (configuration section "Sandbox").</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; } = true;

    public DevIdentityOptions Identity { get; set; } = new();
}
