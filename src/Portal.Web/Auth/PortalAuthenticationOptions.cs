namespace Portal.Web.Auth;

/// <summary>
/// The OpenID Connect provider users sign in with. With no <see cref="Authority"/> and the sandbox enabled,
/// the portal uses the development provider it hosts itself (with that provider's own client id and secret).
/// </summary>
public sealed class PortalAuthenticationOptions
{
    public const string Section = "Authentication";

    /// <summary>Issuer URL of the provider, e.g. https://login.example.com/realms/company/.</summary>
    public string? Authority { get; set; }
    public string ClientId { get; set; } = "portal";
    /// <summary>No default: a published default would reach a real provider.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>The claim that carries the user's roles (<c>Admin</c>, <c>Supervisor</c>).</summary>
    public string RoleClaim { get; set; } = "role";
    /// <summary>The claim that limits a supervisor to teams (team keys); absent means all teams.</summary>
    public string TeamClaim { get; set; } = "team";
    public string NameClaim { get; set; } = "name";
    /// <summary>Only for a provider on plain http in development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>How often an open page (circuit) checks that its session still holds: at most this long after a
    /// sign-out or a refused refresh elsewhere, the page loses access.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
