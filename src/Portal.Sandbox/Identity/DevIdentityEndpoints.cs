using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Portal.Sandbox.Identity;

internal static class DevIdentityEndpoints
{
    /// <summary>Maps the login form and the OpenIddict passthrough endpoints. Each allows anonymous access (the host's
    /// fallback policy requires a signed-in user) and names its authentication scheme explicitly.</summary>
    public static IEndpointRouteBuilder MapDevIdentity(this IEndpointRouteBuilder endpoints)
    {
        string[] getAndPost = [HttpMethods.Get, HttpMethods.Post];

        // (Delegate): handlers taking only HttpContext would otherwise bind as RequestDelegate and drop their IResult.
        // The login form checks its antiforgery token itself; the OpenIddict endpoints are protocol endpoints.
        var group = endpoints.MapGroup("").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapGet(DevIdentityDefaults.LoginPath, LoginEndpoints.ShowAsync);
        group.MapPost(DevIdentityDefaults.LoginPath, LoginEndpoints.SubmitAsync);
        group.MapMethods(DevIdentityDefaults.AuthorizePath, getAndPost, (Delegate)ConnectEndpoints.AuthorizeAsync);
        group.MapPost(DevIdentityDefaults.TokenPath, (Delegate)ConnectEndpoints.TokenAsync);
        group.MapMethods(DevIdentityDefaults.UserInfoPath, getAndPost, (Delegate)ConnectEndpoints.UserInfoAsync);
        group.MapMethods(DevIdentityDefaults.EndSessionPath, getAndPost, (Delegate)ConnectEndpoints.EndSessionAsync);
        return endpoints;
    }
}
