using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>
/// The sandbox (vendor emulators and the development sign-in provider with published passwords) inside the portal's
/// own host: on by default in Development only. Elsewhere it takes Sandbox:Enabled=true and
/// Sandbox:AllowOutsideDevelopment=true (a demo).
/// </summary>
public static class SandboxHosting
{
    /// <summary>Whether this host runs the sandbox: the one answer every part of the portal asks for.</summary>
    /// <exception cref="OptionsValidationException">The sandbox is switched on outside Development without the allow flag.</exception>
    public static bool IsSandboxEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ValidatedOptions.Get(configuration, SandboxHostingOptions.Section, new SandboxHostingOptionsValidator(environment));
        return options.Enabled ?? environment.IsDevelopment();
    }

    /// <summary>
    /// Development, or a demo (the sandbox allowed outside Development): plain http on localhost is expected, cookies follow
    /// the request's scheme and nothing is redirected to https. Anything else is a real deployment that expects https.
    /// </summary>
    public static bool IsDevelopmentOrDemo(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() || IsSandboxEnabled(configuration, environment);
}
