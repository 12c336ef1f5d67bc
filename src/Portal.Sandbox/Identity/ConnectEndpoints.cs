using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.Sandbox.Identity;

/// <summary>The OpenIddict passthrough endpoints: OpenIddict has validated the request before these run.</summary>
internal static class ConnectEndpoints
{
    private const string ServerScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = RequireRequest(context);
        var login = await context.AuthenticateAsync(DevIdentityDefaults.LoginScheme);
        var user = login.Succeeded ? DevUsers.FindBySubject(login.Principal.GetClaim(Claims.Subject)) : null;
        var forceLogin = request.HasPromptValue(PromptValues.Login);
        if (user is not null && !forceLogin)
        {
            return Results.SignIn(DevPrincipalFactory.CreateTokenPrincipal(user, request.GetScopes()),
                authenticationScheme: ServerScheme);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Forbid(Errors.LoginRequired, "The user is not signed in.");
        }

        // Back to this same request after sign-in; without prompt=login, or the login would never end.
        var parameters = context.Request.HasFormContentType
            ? (IEnumerable<KeyValuePair<string, StringValues>>)await context.Request.ReadFormAsync(context.RequestAborted)
            : context.Request.Query;
        var returnUrl = context.Request.PathBase + context.Request.Path
            + QueryString.Create(parameters.Where(p => !(forceLogin && p.Key == Parameters.Prompt)));
        return Results.Redirect(context.Request.PathBase.Add(DevIdentityDefaults.LoginPath)
            + QueryString.Create("returnUrl", returnUrl));
    }

    public static async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = RequireRequest(context);
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "Only authorization_code and refresh_token are supported.");
        }

        var result = await context.AuthenticateAsync(ServerScheme);
        var user = DevUsers.FindBySubject(result.Principal?.GetClaim(Claims.Subject));
        if (result.Principal is null || user is null)
        {
            return Forbid(Errors.InvalidGrant, "The grant is no longer valid: its user does not exist.");
        }

        // A code is redeemed with the principal it was issued for; a refresh re-reads the user so roles are current.
        var principal = request.IsRefreshTokenGrantType()
            ? DevPrincipalFactory.CreateTokenPrincipal(user, result.Principal.GetScopes())
            : result.Principal;
        return Results.SignIn(principal, authenticationScheme: ServerScheme);
    }

    public static async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ServerScheme);
        var user = DevUsers.FindBySubject(result.Principal?.GetClaim(Claims.Subject));
        if (user is null)
        {
            return Results.Challenge(ErrorProperties(Errors.InvalidToken, "The access token's user does not exist."), [ServerScheme]);
        }

        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = user.Subject,
            [Claims.Name] = user.Name,
            [Claims.PreferredUsername] = user.Username,
            [Claims.Email] = user.Email,
            [Claims.Role] = user.Roles,
        };
        if (user.Team is not null)
        {
            claims[DevIdentityDefaults.TeamClaim] = user.Team;
        }

        return Results.Json(claims);
    }

    public static async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(DevIdentityDefaults.LoginScheme);

        // OpenIddict redirects to the validated post_logout_redirect_uri, or else to RedirectUri.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = context.Request.PathBase + "/" }, [ServerScheme]);
    }

    private static OpenIddictRequest RequireRequest(HttpContext context) =>
        context.GetOpenIddictServerRequest()
        ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [ServerScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(
        new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
}
