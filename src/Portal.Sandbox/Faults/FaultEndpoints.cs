using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Faults;

/// <summary>Test and demo controls: GET/PUT /sandbox/faults/{vendor}; POST /sandbox/traffic/publish.</summary>
internal static class FaultEndpoints
{
    public static void MapSandboxControls(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/sandbox").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapGet("/faults/{vendor}", (VendorKind vendor, FaultRegistry registry) => Results.Ok(registry.Get(vendor)));
        group.MapPut("/faults/{vendor}", (VendorKind vendor, VendorFaults faults, FaultRegistry registry) =>
        {
            registry.Set(vendor, faults);
            return Results.Ok(registry.Get(vendor));
        });
        group.MapPost("/traffic/publish", (SandboxTraffic traffic) =>
        {
            traffic.PublishUntilNow();
            return Results.NoContent();
        });
    }
}
