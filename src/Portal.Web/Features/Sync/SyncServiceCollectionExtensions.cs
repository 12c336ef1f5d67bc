using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Shell;
using Portal.Web.Features.Sync.Ingest;

namespace Portal.Web.Features.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The sync engine: a hosted service with one worker per active connection.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddValidatedOptions<SyncOptions, SyncOptionsValidator>(SyncOptions.Section);
        services.AddSingleton<SyncSignals>();
        services.TryAddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<CallIngestor>();
        services.AddSingleton<SyncMetrics>();
        services.AddSingleton<ConnectionStatus>();
        services.AddSingleton<ConnectionLeases>();
        services.AddSingleton<ExtensionDirectorySync>();
        services.AddTransient<ConnectionWorker>();
        services.AddHostedService<SyncEngine>();
        return services;
    }
}
