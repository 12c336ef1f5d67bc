using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.Web.Auth;

/// <summary>The provider's answer to a refresh: the user as the new identity token describes them, and the new tokens.</summary>
public sealed record RefreshedTokens(ClaimsPrincipal Principal, string IdToken, string? AccessToken, string? RefreshToken, DateTime ExpiresAtUtc);

/// <summary>
/// Redeems a refresh token at the provider's token endpoint and validates the identity token it returns (after
/// dotnet/blazor-samples BlazorWebAppOidcBffServer). A refusal means the provider no longer lets the user in.
/// </summary>
public sealed class OidcTokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptionsMonitor, ILogger<OidcTokenRefresher> logger)
{
    /// <summary>The new tokens, or null when the provider refused the refresh (or its identity token did not validate).</summary>
    public async Task<RefreshedTokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var oidc = oidcOptionsMonitor.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = oidc.ClientId,
            ["client_secret"] = oidc.ClientSecret,
            ["scope"] = string.Join(' ', oidc.Scope),
            ["refresh_token"] = refreshToken,
        }), cancellationToken);

        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("The identity provider refused to refresh the session ({StatusCode})", (int)response.StatusCode);
            return null;
        }

        var message = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(cancellationToken));
        var parameters = oidc.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.ValidAudience = oidc.ClientId;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var validation = await oidc.TokenHandler.ValidateTokenAsync(message.IdToken, parameters);
        if (!validation.IsValid)
        {
            logger.LogWarning("The refreshed identity token did not validate: {Reason}", validation.Exception?.Message);
            return null;
        }

        var expiresIn = int.Parse(message.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new RefreshedTokens(new ClaimsPrincipal(validation.ClaimsIdentity), message.IdToken, message.AccessToken, message.RefreshToken,
            oidc.TimeProvider!.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(expiresIn));
    }
}
