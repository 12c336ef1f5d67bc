using Portal.Sandbox.Identity;

namespace Portal.Sandbox;

/// <summary>Settings of the development OpenID Connect provider (section "Sandbox:Identity").</summary>
public sealed class DevIdentityOptions
{
    public string ClientId { get; set; } = DevIdentityDefaults.ClientId;

    /// <summary>The client's secret at this provider: published, so never a secret for a real provider.</summary>
    public string ClientSecret { get; set; } = DevIdentityDefaults.ClientSecret;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where the stable development signing and encryption keys are kept (created if missing).
    /// A relative path is taken from the content root.</summary>
    public string KeyDirectory { get; set; } = "data";

    /// <summary>Exact redirect and post-logout redirect URIs allowed beyond the loopback and same-host rules.</summary>
    public List<string> AllowedRedirectUris { get; set; } = [];
}
