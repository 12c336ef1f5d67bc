using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Telephony.Http;
using Portal.Web.Features.Connections;

namespace Portal.Web.Features.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>The record browser's search, call details, and recording downloads through the portal.</summary>
    public static IServiceCollection AddCalls(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectionSecretProtector>();
        services.TryAddSingleton<CallSearch>();
        services.TryAddSingleton<CallDetails>();
        services.TryAddSingleton<RecordingDownloads>();
        // Only for vendors whose adapter cannot read recordings but whose records name a download address.
        services.AddHttpClient(RecordingDownloads.HttpClientName, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(VendorHttp.UserAgent);
            client.Timeout = Timeout.InfiniteTimeSpan; // the audio streams as long as it takes; the request's abort ends it
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder endpoints) => endpoints.MapRecordingEndpoints();
}
