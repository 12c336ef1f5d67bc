using Microsoft.Extensions.Options;
using Portal.Sandbox.Identity;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// A provider that can be reached (an https issuer), and outside Development a real one: the development sign-in only
/// runs with the sandbox, and the development provider's published client secret is never sent to a real provider.
/// </summary>
public sealed class PortalAuthenticationOptionsValidator(IConfiguration configuration, IHostEnvironment environment)
    : IValidateOptions<PortalAuthenticationOptions>
{
    private const string Prefix = PortalAuthenticationOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, PortalAuthenticationOptions options)
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        return SettingRules.Result(
            SettingRules.AbsoluteUrl(Prefix + nameof(options.Authority), options.Authority, allowHttp: !options.RequireHttpsMetadata,
                example: "https://login.example.com/realms/company/ (http only with Authentication:RequireHttpsMetadata=false)"),
            hasAuthority || SandboxHosting.IsSandboxEnabled(configuration, environment) ? null
                : "Authentication:Authority is not set: set it to your OpenID Connect provider's issuer URL, with Authentication:ClientId and "
                  + "Authentication:ClientSecret. The built-in development sign-in runs only in Development, or as a demo with "
                  + "Sandbox:Enabled=true and Sandbox:AllowOutsideDevelopment=true.",
            hasAuthority && !environment.IsDevelopment() && options.ClientSecret == DevIdentityDefaults.ClientSecret
                ? $"Authentication:ClientSecret is the published development secret '{DevIdentityDefaults.ClientSecret}': set "
                  + "Authentication:ClientSecret to the secret your provider issued for Authentication:ClientId."
                : null,
            SettingRules.Required(Prefix + nameof(options.ClientId), options.ClientId, "the client id your provider issued"),
            SettingRules.Required(Prefix + nameof(options.RoleClaim), options.RoleClaim, "the claim that carries the roles, e.g. role"),
            SettingRules.Required(Prefix + nameof(options.TeamClaim), options.TeamClaim, "the claim that carries the teams, e.g. team"),
            SettingRules.Required(Prefix + nameof(options.NameClaim), options.NameClaim, "the claim with the display name, e.g. name"),
            SettingRules.Duration(Prefix + nameof(options.RevalidationInterval), options.RevalidationInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
    }
}
