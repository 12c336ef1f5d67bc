using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Portal.Sandbox;
using Portal.Web.Hosting;

namespace Portal.Web.Auth;

/// <summary>
/// Points the OpenID Connect client at the development provider this host serves itself (Portal.Sandbox),
/// when no external authority is configured, with the client id and secret that provider knows (its published ones by
/// default). Options are built on the first sign-in, when the server knows the address it listens on.
/// </summary>
internal sealed class DevelopmentAuthority(IServer server, IOptions<SandboxOptions> sandbox) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OpenIdConnectDefaults.AuthenticationScheme || !string.IsNullOrEmpty(options.Authority))
        {
            return;
        }

        options.Authority = OwnBaseAddress();
        options.RequireHttpsMetadata = false;
        options.ClientId = sandbox.Value.Identity.ClientId;
        options.ClientSecret = sandbox.Value.Identity.ClientSecret;
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    private string OwnBaseAddress() => ServerBaseAddress.Find(server)
        ?? throw new InvalidOperationException("The development sign-in needs the server's address; set Authentication:Authority instead.");
}
