namespace Portal.Web.Security;

/// <summary>
/// Cookie names and flags of a real deployment: Secure always, and a name prefix the browser enforces, so that no
/// plain-http page or sibling subdomain can set or overwrite them. In Development and a demo (plain http, <c>dotnet run</c>,
/// see <see cref="Hosting.SandboxHosting.IsDevelopmentOrDemo"/>) cookies keep their names and are Secure only over https.
/// </summary>
public static class SecureCookies
{
    /// <summary><c>__Host-</c>: Secure, Path=/ and no Domain (the session and antiforgery cookies).</summary>
    public static void ForWholeSite(CookieBuilder cookie, string name, bool developmentOrDemo)
    {
        if (developmentOrDemo)
        {
            return;
        }
        cookie.Name = "__Host-" + name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary><c>__Secure-</c>: Secure, for cookies that keep their own path (the sign-in's correlation and nonce).</summary>
    public static void ForOwnPath(CookieBuilder cookie, string name, bool developmentOrDemo)
    {
        if (developmentOrDemo)
        {
            return;
        }
        cookie.Name = "__Secure-" + name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
    }
}
