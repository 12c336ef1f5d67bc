using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.Sandbox.Identity;

/// <summary>Builds the principals the provider signs in with.</summary>
internal static class DevPrincipalFactory
{
    /// <summary>The principal for OpenIddict: subject, profile claims, one role claim per role, the team
    /// (if any) and the granted scopes; every claim but sub goes to both the id token and the access token.</summary>
    public static ClaimsPrincipal CreateTokenPrincipal(DevUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(
            TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(Claims.Subject, user.Subject);
        identity.AddClaim(Claims.Name, user.Name);
        identity.AddClaim(Claims.PreferredUsername, user.Username);
        identity.AddClaim(Claims.Email, user.Email);
        foreach (var role in user.Roles)
        {
            identity.AddClaim(Claims.Role, role);
        }

        if (user.Team is not null)
        {
            identity.AddClaim(DevIdentityDefaults.TeamClaim, user.Team);
        }

        identity.SetScopes(scopes);
        identity.SetDestinations(static _ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The principal kept in the provider's own login cookie.</summary>
    public static ClaimsPrincipal CreateLoginPrincipal(DevUser user) =>
        new(new ClaimsIdentity(
            [new Claim(Claims.Subject, user.Subject), new Claim(Claims.Name, user.Name)],
            DevIdentityDefaults.LoginScheme, Claims.Name, Claims.Role));
}
