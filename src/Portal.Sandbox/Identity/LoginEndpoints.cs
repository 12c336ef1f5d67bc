using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Identity;

/// <summary>GET and POST /dev-oidc/login: the demo users' sign-in form.</summary>
internal static class LoginEndpoints
{
    public const string WrongCredentials = "Unknown user or wrong password.";

    public static IResult ShowAsync(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        ReturnUrlPolicy.IsAllowed(returnUrl, context.Request.PathBase)
            ? LoginPage.Form(context, antiforgery, returnUrl!, username: null, error: null)
            : LoginPage.Refused();

    public static async Task<IResult> SubmitAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? returnUrl = form["returnUrl"];
        string? username = form["username"];
        if (!ReturnUrlPolicy.IsAllowed(returnUrl, context.Request.PathBase))
        {
            return LoginPage.Refused();
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return LoginPage.Form(context, antiforgery, returnUrl!, username,
                "The form had expired. Please sign in again.", StatusCodes.Status400BadRequest);
        }

        var user = DevUsers.FindByCredentials(username, form["password"]);
        if (user is null)
        {
            return LoginPage.Form(context, antiforgery, returnUrl!, username, WrongCredentials, StatusCodes.Status400BadRequest);
        }

        await context.SignInAsync(DevIdentityDefaults.LoginScheme, DevPrincipalFactory.CreateLoginPrincipal(user));
        return Results.Redirect(returnUrl!);
    }
}
