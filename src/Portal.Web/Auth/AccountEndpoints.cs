using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Web.Auth;

/// <summary>Sign-in and sign-out. Both only return to pages of this site.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // prompt=login asks the provider for the credentials again (to sign in as someone else).
        endpoints.MapGet(LoginPath, (string? returnUrl, bool? switchUser) =>
        {
            var properties = new OpenIdConnectChallengeProperties { RedirectUri = LocalRedirect.Sanitize(returnUrl) };
            if (switchUser == true)
            {
                properties.Prompt = "login";
            }
            return TypedResults.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).AllowAnonymous();

        // Ends the portal session and the provider's session. A POST with an antiforgery token, so no other
        // site can sign a user out.
        endpoints.MapPost(LogoutPath, ([FromForm] string? returnUrl) =>
            TypedResults.SignOut(
                new AuthenticationProperties { RedirectUri = LocalRedirect.Sanitize(returnUrl) },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        return endpoints;
    }
}
