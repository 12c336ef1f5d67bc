namespace Portal.Sandbox.Identity;

/// <summary>Names and paths of the development OpenID Connect provider.</summary>
public static class DevIdentityDefaults
{
    /// <summary>The provider's own login cookie scheme (never a default scheme).</summary>
    public const string LoginScheme = "DevIdentityLogin";

    public const string LoginCookieName = ".Portal.DevIdentity";

    public const string BasePath = "/dev-oidc";

    public const string LoginPath = BasePath + "/login";

    public const string AuthorizePath = BasePath + "/connect/authorize";

    public const string TokenPath = BasePath + "/connect/token";

    public const string EndSessionPath = BasePath + "/connect/logout";

    public const string UserInfoPath = BasePath + "/connect/userinfo";

    /// <summary>Callback paths of an ASP.NET Core OpenID Connect client (the handler's defaults).</summary>
    public const string RedirectPath = "/signin-oidc";

    public const string PostLogoutRedirectPath = "/signout-callback-oidc";

    public const string TeamClaim = "team";

    /// <summary>The client the provider knows, with its published secret (a real provider must never receive it).</summary>
    public const string ClientId = "portal";

    public const string ClientSecret = "portal-dev-secret";

    public const string KeyFileName = "dev-identity-keys.json";
}
