using Microsoft.AspNetCore.Routing;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Identity;
using Portal.Sandbox.Vendors.Cinnox;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Sandbox.Vendors.NfonCallHistory;

namespace Portal.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>Maps the sandbox endpoints: the development provider's login form, authorize, token,
    /// userinfo and end-session handlers. All of them allow anonymous access.</summary>
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDevIdentity();
        endpoints.MapSandboxControls();
        // One line per emulated vendor: endpoints.Map<Vendor>Emulator();
        endpoints.MapCinnoxEmulator();
        endpoints.MapUnpodEmulator();
        endpoints.MapNfonCtiEmulator();
        endpoints.MapWebFonesEmulator();
        endpoints.MapNfonCallHistoryEmulator();
        return endpoints;
    }
}
