using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Portal.Web.Features.Shell;

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

    private string OwnBaseAddress() => ServerBaseAddress.Find(server)
        ?? throw new InvalidOperationException("The development sign-in needs the server's address; set Authentication:Authority instead.");
}
