using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Connections;

/// <summary>"Connect with NFON" against the real NFON (configuration "Portal:Nfon", see the README).</summary>
public sealed class NfonOAuthOptions
{
    public const string Section = "Portal:Nfon";

    /// <summary>NFON's authorization endpoint (OAuth 2.0 authorization code + PKCE).</summary>
    public string? AuthorizeUrl { get; set; }
    public string? TokenUrl { get; set; }
    /// <summary>The portal's OAuth client id, issued by NFON to partners.</summary>
    public string? ClientId { get; set; }
    /// <summary>Scopes to ask for, if NFON needs any (space-separated).</summary>
    public string? Scope { get; set; }
}

/// <summary>Where one connection's "Connect with NFON" signs in and redeems its code.</summary>
public sealed record NfonAuthorizationServer(Uri AuthorizeUrl, Uri TokenUrl, string ClientId, string? Scope)
{
    /// <summary>
    /// A connection to the sandbox (its base URL ends with the sandbox's path) uses the sandbox's own OAuth endpoints
    /// under that base URL; any other uses <see cref="NfonOAuthOptions"/>. Null when those are not configured.
    /// </summary>
    public static NfonAuthorizationServer? For(Connection connection, NfonOAuthOptions options)
    {
        var baseUrl = new Uri(connection.BaseUrl.TrimEnd('/') + "/");
        if (baseUrl.AbsolutePath.TrimEnd('/').EndsWith(NfonCallHistorySandbox.BasePath, StringComparison.Ordinal))
        {
            return new NfonAuthorizationServer(new Uri(baseUrl, "oauth/authorize"), new Uri(baseUrl, "oauth/token"), NfonCallHistorySandbox.ClientId, null);
        }
        return Uri.TryCreate(options.AuthorizeUrl, UriKind.Absolute, out var authorize) && Uri.TryCreate(options.TokenUrl, UriKind.Absolute, out var token)
            && !string.IsNullOrWhiteSpace(options.ClientId)
            ? new NfonAuthorizationServer(authorize, token, options.ClientId.Trim(), string.IsNullOrWhiteSpace(options.Scope) ? null : options.Scope.Trim())
            : null;
    }
}
