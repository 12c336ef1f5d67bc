using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Faults;

/// <summary>
/// Answers in a vendor's own error format: each emulator registers one, used for injected faults too.
/// </summary>
public delegate IResult VendorErrorResult(int statusCode, string message);

public static class SandboxVendorGroup
{
    /// <summary>
    /// A route group for one emulated vendor under <paramref name="prefix"/>: anonymous as far as the host is
    /// concerned (the emulator checks the vendor's own credentials), no antiforgery, and the vendor's injected
    /// faults (latency, 500 bursts, 429 storms) applied before the emulator's own handler runs.
    /// </summary>
    public static RouteGroupBuilder MapVendorGroup(this IEndpointRouteBuilder endpoints, VendorKind vendor, string prefix, VendorErrorResult errorResult)
    {
        var group = endpoints.MapGroup(prefix).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.AddEndpointFilter(async (context, next) =>
        {
            // Long-lived answers (SSE) end when the host stops, instead of holding its shutdown until the timeout.
            var stopping = context.HttpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            context.HttpContext.RequestAborted = CancellationTokenSource.CreateLinkedTokenSource(context.HttpContext.RequestAborted, stopping).Token;
            var registry = context.HttpContext.RequestServices.GetRequiredService<FaultRegistry>();
            var decision = registry.NextRequest(vendor);
            if (decision.Faults.LatencyMilliseconds > 0)
            {
                await Task.Delay(decision.Faults.LatencyMilliseconds, context.HttpContext.RequestAborted);
            }
            switch (decision.Action)
            {
                case FaultAction.RateLimit:
                    context.HttpContext.Response.Headers.RetryAfter = decision.Faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return errorResult(StatusCodes.Status429TooManyRequests, "Too many requests, please try again later.");
                case FaultAction.Fail:
                    return errorResult(StatusCodes.Status500InternalServerError, "Internal server error (injected by the sandbox).");
                default:
                    return await next(context);
            }
        });
        return group;
    }
}
