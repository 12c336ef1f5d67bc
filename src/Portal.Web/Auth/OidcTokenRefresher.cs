using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Web.Auth;

/// <summary>
/// Refreshes the provider's tokens shortly before the access token expires, on the request that notices it
/// (after dotnet/blazor-samples BlazorWebAppOidcBffServer). A refresh the provider refuses ends the session,
/// so a user disabled at the provider is signed out of the portal too.
/// </summary>
internal sealed class CookieOidcRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptionsMonitor, ILogger<CookieOidcRefresher> logger)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    public async Task ValidateOrRefreshCookieAsync(CookieValidatePrincipalContext context)
    {
        if (!DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, out var expiresAt))
        {
            return;
        }

        var oidc = oidcOptionsMonitor.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var now = oidc.TimeProvider!.GetUtcNow();
        if (now + RefreshAhead < expiresAt)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            context.RejectPrincipal();
            return;
        }

        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        using var response = await oidc.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string?>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = oidc.ClientId,
            ["client_secret"] = oidc.ClientSecret,
            ["scope"] = string.Join(' ', oidc.Scope),
            ["refresh_token"] = refreshToken,
        }), context.HttpContext.RequestAborted);

        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("The identity provider refused to refresh the session ({StatusCode}); signing the user out", (int)response.StatusCode);
            context.RejectPrincipal();
            return;
        }

        var message = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
        var parameters = oidc.TokenValidationParameters.Clone();
        parameters.ValidIssuer = configuration.Issuer;
        parameters.ValidAudience = oidc.ClientId;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        var validation = await oidc.TokenHandler.ValidateTokenAsync(message.IdToken, parameters);
        if (!validation.IsValid)
        {
            logger.LogWarning("The refreshed identity token did not validate: {Reason}", validation.Exception?.Message);
            context.RejectPrincipal();
            return;
        }

        context.ShouldRenew = true;
        context.ReplacePrincipal(new ClaimsPrincipal(validation.ClaimsIdentity));
        var expiresIn = int.Parse(message.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture);
        context.Properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = message.AccessToken },
            new AuthenticationToken { Name = "id_token", Value = message.IdToken },
            new AuthenticationToken { Name = "refresh_token", Value = message.RefreshToken ?? refreshToken },
            new AuthenticationToken { Name = "token_type", Value = message.TokenType },
            new AuthenticationToken { Name = "expires_at", Value = (now + TimeSpan.FromSeconds(expiresIn)).ToString("o", CultureInfo.InvariantCulture) },
        ]);
    }
}
