using Microsoft.Extensions.Options;
using Portal.Telephony.Http;

namespace Portal.Web.Features.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>The record browser's call details, and recording downloads through the portal.</summary>
    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CallDetails>();
        services.AddSingleton<RecordingDownloads>();
        // Only for vendors whose adapter cannot read recordings but whose records name a download address.
        // Redirects not followed and non-public addresses refused, as for every vendor client (RecordingDownloads says which).
        services.AddHttpClient(RecordingDownloads.HttpClientName, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(VendorHttp.UserAgent);
            client.Timeout = Timeout.InfiniteTimeSpan; // the audio streams as long as it takes; the request's abort ends it
        }).ConfigurePrimaryHttpMessageHandler(sp => VendorNetwork.CreateHandler(sp.GetRequiredService<IOptions<VendorNetworkOptions>>()));
        return builder;
    }

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder endpoints) => endpoints.MapRecordingEndpoints();
}
