using Portal.Sandbox;
using Portal.Web.Auth;

namespace Portal.Web.Features.Shell;

/// <summary>
/// The sandbox (vendor emulators and the development sign-in provider) inside the portal's own host, when
/// Sandbox:Enabled is true: the default for a first run, so the portal works with nothing configured.
/// </summary>
public static class SandboxHosting
{
    public static bool IsSandboxEnabled(this IConfiguration configuration) =>
        configuration.GetSection(SandboxOptions.Section).Get<SandboxOptions>()?.Enabled ?? true;

    public static IHostApplicationBuilder AddPortalSandbox(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration[$"{PortalAuthenticationOptions.Section}:{nameof(PortalAuthenticationOptions.Authority)}"];
        if (!builder.Configuration.IsSandboxEnabled())
        {
            if (string.IsNullOrWhiteSpace(authority))
            {
                throw new InvalidOperationException(
                    "No sign-in provider: set Authentication:Authority (with ClientId and ClientSecret), or enable the development provider with Sandbox:Enabled=true.");
            }
            return builder;
        }

        builder.Services.AddSandbox(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalSandbox(this WebApplication app)
    {
        if (app.Configuration.IsSandboxEnabled())
        {
            app.MapSandbox();
        }
        return app;
    }
}
