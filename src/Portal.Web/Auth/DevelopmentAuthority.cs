using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Portal.Web.Auth;

/// <summary>
/// Points the OpenID Connect client at the development provider this host serves itself (Portal.Sandbox),
/// when no external authority is configured. Options are built on the first sign-in, when the server
/// knows the address it listens on.
/// </summary>
internal sealed class DevelopmentAuthority(IServer server) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OpenIdConnectDefaults.AuthenticationScheme || !string.IsNullOrEmpty(options.Authority))
        {
            return;
        }

        options.Authority = OwnBaseAddress();
        options.RequireHttpsMetadata = false;
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    private string OwnBaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The development sign-in needs the server's address; set Authentication:Authority instead.");
        // A wildcard binding (http://+:8080, http://0.0.0.0:8080, http://[::]:8080) is reached on localhost.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        return uri.Uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
