using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Portal.Web.Auth;

/// <summary>
/// Ties the session cookie to its UserSessions row: a sign-in starts a row (and names it in the cookie), every
/// request checks it and refreshes the provider's tokens shortly before they expire, a sign-out ends it. A session
/// ended on the server (or a cookie without one) is refused, so the user signs in again.
/// </summary>
internal sealed class SessionCookieEvents(UserSessions sessions, PortalAuthenticationOptions options)
{
    /// <summary>Requests refresh this long before the access token expires (circuits only once it has).</summary>
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    public void Attach(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = SigningInAsync;
        events.OnValidatePrincipal = ValidatePrincipalAsync;
        events.OnSigningOut = SigningOutAsync;
    }

    private async Task SigningInAsync(CookieSigningInContext context)
    {
        var tokens = context.Properties.GetTokens().ToList();
        var refreshToken = tokens.FirstOrDefault(t => t.Name == "refresh_token")?.Value;
        DateTime? expiresAt = DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, out var at)
            ? at.UtcDateTime
            : null;
        var user = PortalUser.From(context.Principal!, options);
        var sessionId = await sessions.StartAsync(user.Id, refreshToken, expiresAt, context.HttpContext.RequestAborted);

        ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(UserSessions.ClaimType, sessionId));
        context.Properties.StoreTokens(tokens.Where(t => t.Name != "refresh_token"));
    }

    private async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = UserSessions.IdOf(context.Principal!);
        var check = sessionId is null
            ? new SessionCheck(SessionStatus.Ended) // a cookie from before sessions were recorded
            : await sessions.CheckAsync(sessionId, RefreshAhead, context.HttpContext.RequestAborted);
        switch (check.Status)
        {
            case SessionStatus.Ended:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme); // the browser drops the cookie
                break;
            case SessionStatus.Refreshed:
                var refreshed = check.Tokens!;
                ((ClaimsIdentity)refreshed.Principal.Identity!).AddClaim(new Claim(UserSessions.ClaimType, sessionId!));
                context.ReplacePrincipal(refreshed.Principal);
                context.ShouldRenew = true;
                context.Properties.StoreTokens(
                [
                    new AuthenticationToken { Name = "id_token", Value = refreshed.IdToken },
                    new AuthenticationToken { Name = "access_token", Value = refreshed.AccessToken ?? "" },
                    new AuthenticationToken { Name = "expires_at", Value = refreshed.ExpiresAtUtc.ToString("o", CultureInfo.InvariantCulture) },
                ]);
                break;
        }
    }

    private async Task SigningOutAsync(CookieSigningOutContext context)
    {
        if (UserSessions.IdOf(context.HttpContext.User) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, SessionEndReasons.SignedOut, context.HttpContext.RequestAborted);
        }
    }
}
