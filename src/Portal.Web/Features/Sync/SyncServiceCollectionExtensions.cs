using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Hosting;

namespace Portal.Web.Features.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The sync engine: a hosted service with one worker per active connection.</summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(SyncOptions.Section);
        services.AddSingleton<CallIngestor>();
        services.AddSingleton<SyncMetrics>();
        services.AddSingleton<ConnectionStatus>();
        services.AddSingleton<ConnectionLeases>();
        services.AddSingleton<ExtensionDirectorySync>();
        services.AddTransient<ConnectionWorker>();
        services.AddHostedService<SyncEngine>();
        return builder;
    }
}
