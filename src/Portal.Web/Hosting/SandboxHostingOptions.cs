using Microsoft.Extensions.Options;
using Portal.Sandbox;

namespace Portal.Web.Hosting;

/// <summary>The portal's switches of the "Sandbox" section (the emulators' own settings are <see cref="SandboxOptions"/>).</summary>
public sealed class SandboxHostingOptions
{
    public const string Section = "Sandbox";

    /// <summary>Host the sandbox; unset means on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Needed besides <see cref="Enabled"/> outside Development: a demo with published passwords.</summary>
    public bool AllowOutsideDevelopment { get; set; }
}

public sealed class SandboxHostingOptionsValidator(IHostEnvironment environment) : IValidateOptions<SandboxHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxHostingOptions options) =>
        options.Enabled == true && !environment.IsDevelopment() && !options.AllowOutsideDevelopment
            ? ValidateOptionsResult.Fail(
                $"Sandbox:Enabled=true in the {environment.EnvironmentName} environment also needs Sandbox:AllowOutsideDevelopment=true "
                + "(a demo: emulated vendors and sign-ins with published passwords); for real use remove Sandbox:Enabled and set Authentication:Authority.")
            : ValidateOptionsResult.Success;
}
