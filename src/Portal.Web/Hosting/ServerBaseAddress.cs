using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Portal.Web.Hosting;

/// <summary>The address this host is reached on, once the server listens (the development sign-in, the sandbox connections).</summary>
public static class ServerBaseAddress
{
    /// <summary>The first listening address as "scheme://host:port/"; null before the server listens.</summary>
    public static string? Find(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }
        // A wildcard binding (http://+:8080, http://0.0.0.0:8080, http://[::]:8080) is reached on localhost.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        return uri.Uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
