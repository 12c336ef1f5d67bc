using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Identity;

/// <summary>Which redirect_uri / post_logout_redirect_uri values the provider accepts: a loopback host on any port
/// with the client's callback path, this server's own authority with that path, or an exact configured URI.</summary>
internal static class DevRedirectUriPolicy
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static bool IsAllowed(string? value, string callbackPath, HttpRequest request, DevIdentityOptions options)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (options.AllowedRedirectUris.Contains(value, StringComparer.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        var loopback = LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        var sameAuthority = string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Host + ":" + uri.Port, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        if (!loopback && !sameAuthority)
        {
            return false;
        }

        return string.Equals(uri.AbsolutePath, callbackPath, StringComparison.Ordinal)
            || string.Equals(uri.AbsolutePath, request.PathBase.Add(callbackPath).Value, StringComparison.Ordinal);
    }

    public static string Explain(string parameter, string? value, string callbackPath) =>
        $"The {parameter} '{value}' is not allowed: use a loopback host (localhost, 127.0.0.1, [::1]) or this " +
        $"server's own host with the path '{callbackPath}', or list the exact URI in Sandbox:Identity:AllowedRedirectUris.";
}
