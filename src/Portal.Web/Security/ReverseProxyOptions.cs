using System.Net;

namespace Portal.Web.Security;

/// <summary>
/// The reverse proxy (or load balancer) in front of the portal (section "ReverseProxy"). Forwarded headers are
/// believed only from these addresses; with none configured, only a proxy on the same machine (loopback) is.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>IP addresses of proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, e.g. 10.0.0.5.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation, e.g. 10.0.0.0/8 or fd00::/8.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Also believe X-Forwarded-Host (only when the proxy sets it itself and never passes a client's on).</summary>
    public bool ForwardHost { get; set; }

    /// <summary>
    /// The proxy terminates TLS and redirects plain http to https itself: the portal then does not redirect, and
    /// the forwarded scheme decides whether a request counts as https (cookies, HSTS, the sign-in redirect URI).
    /// </summary>
    public bool TerminatesTls { get; set; }

    /// <summary>Other origins the portal is reached on (e.g. https://portal.example.com when the proxy does not
    /// forward the host): the Blazor hub accepts them besides the portal's own origin.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IReadOnlyList<IPAddress> ParseKnownProxies() =>
        KnownProxies.Select(value => IPAddress.TryParse(value.Trim(), out var address)
            ? address
            : throw Invalid(nameof(KnownProxies), value, "an IP address, e.g. 10.0.0.5")).ToList();

    public IReadOnlyList<IPNetwork> ParseKnownNetworks() =>
        KnownNetworks.Select(value => IPNetwork.TryParse(value.Trim(), out var network)
            ? network
            : throw Invalid(nameof(KnownNetworks), value, "a network in CIDR notation, e.g. 10.0.0.0/8")).ToList();

    /// <summary>The allowed origins as scheme://host:port, the form the Origin header is compared in.</summary>
    public IReadOnlyList<string> ParseAllowedOrigins() =>
        AllowedOrigins.Select(value => Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? Origin.Of(uri)
            : throw Invalid(nameof(AllowedOrigins), value, "an origin such as https://portal.example.com (no path)")).ToList();

    private static InvalidOperationException Invalid(string setting, string value, string expected) =>
        new($"{Section}:{setting} has '{value}', which is not {expected}.");
}
