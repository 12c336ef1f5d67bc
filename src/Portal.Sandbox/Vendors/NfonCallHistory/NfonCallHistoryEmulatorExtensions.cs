using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

internal static class NfonCallHistoryEmulatorExtensions
{
    public static IServiceCollection AddNfonCallHistoryEmulator(this IServiceCollection services)
    {
        services.AddSingleton(NfonCallHistorySandbox.Profile);
        services.TryAddSingleton<NfonOAuthServer>();
        services.AddHostedService<NfonTranscriptPublisher>();
        return services;
    }

    /// <summary>The API and "Login with NFON" under <see cref="NfonCallHistorySandbox.BasePath"/>, with the vendor's faults.</summary>
    public static IEndpointRouteBuilder MapNfonCallHistoryEmulator(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapVendorGroup(VendorKind.NfonCallHistory, NfonCallHistorySandbox.BasePath, NfonErrorResult.Create);
        group.AddEndpointFilter((context, next) =>
        {
            NfonErrorResult.EnsureRequestId(context.HttpContext);
            return next(context);
        });
        group.MapGet("/records", NfonRecordEndpoints.List);
        group.MapDelete("/records", NfonRecordEndpoints.DeleteMany);
        group.MapGet("/records/{uuid}", NfonRecordEndpoints.Get);
        group.MapDelete("/records/{uuid}", NfonRecordEndpoints.Delete);
        group.MapGet("/oauth/authorize", NfonOAuthEndpoints.Authorize);
        group.MapPost("/oauth/token", NfonOAuthEndpoints.TokenAsync);
        return endpoints;
    }
}
