using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Http;

/// <summary>Where vendor requests may go (configuration <c>Portal:Vendors</c>).</summary>
public sealed class VendorNetworkOptions
{
    public const string Section = "Portal:Vendors";

    /// <summary>
    /// Whether vendor requests may reach loopback, link-local, private, unique-local and other non-public addresses.
    /// Off unless the host says otherwise (the web host allows it while its sandbox runs in Development).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>A connection refused because the vendor's host resolves only to non-public addresses.</summary>
public sealed class PrivateNetworkRefusedException(string message) : Exception(message);

/// <summary>
/// The network side of every vendor client: no automatic redirects (a redirect would carry credentials elsewhere),
/// and the destination checked at connect time, after DNS resolution, so a name that later resolves elsewhere (DNS
/// rebinding) is checked again on each new connection.
/// </summary>
public static class VendorNetwork
{
    public static SocketsHttpHandler CreateHandler(IOptions<VendorNetworkOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.Value.AllowPrivateNetworks, cancellationToken),
    };

    /// <summary>Connects to the public addresses of <paramref name="endpoint"/> (to any when private networks are allowed).</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (!allowPrivateNetworks)
        {
            var allowed = addresses.Where(a => NetworkAddresses.NonPublicKind(a) is null).ToArray();
            if (allowed.Length == 0 && addresses.Length > 0)
            {
                throw new PrivateNetworkRefusedException(
                    $"{host} resolves to {addresses[0]}, {NetworkAddresses.NonPublicKind(addresses[0])}; set {VendorNetworkOptions.Section}:{nameof(VendorNetworkOptions.AllowPrivateNetworks)}=true to allow it.");
            }
            addresses = allowed;
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether two addresses share scheme, host and port: a recording is fetched only from its connection's origin.</summary>
    public static bool SameOrigin(Uri address, Uri connection) =>
        Uri.Compare(address, connection, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>"api.example.com answered with a redirect (302) to https://other.example/path; …": never followed.</summary>
    public static VendorException RedirectRefused(VendorKind vendor, HttpResponseMessage response)
    {
        var from = response.RequestMessage?.RequestUri;
        var location = response.Headers.Location;
        var target = location is null ? "no address"
            : from is not null && Uri.TryCreate(from, location, out var absolute) ? WithoutQuery(absolute)
            : location.IsAbsoluteUri ? WithoutQuery(location)
            : "an address that is not a URL";
        return new VendorException(new VendorError(vendor, VendorErrorKind.Configuration,
            $"{from?.Authority ?? "The vendor"} answered with a redirect ({(int)response.StatusCode}) to {target}; redirects are not followed: fix the base URL.",
            (int)response.StatusCode));
    }

    /// <summary>Scheme, host, port and path: a query or user info may hold a secret.</summary>
    private static string WithoutQuery(Uri uri) => $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";

    /// <summary>The refusal behind a failed request, if that is why it failed.</summary>
    public static PrivateNetworkRefusedException? RefusalIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PrivateNetworkRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
