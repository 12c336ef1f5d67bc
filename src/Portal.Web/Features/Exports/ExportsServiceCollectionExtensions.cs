using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Web.Features.Audit;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Dashboards;

namespace Portal.Web.Features.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>The exports and what they read through (TryAdd: the Calls and Dashboards slices register the same services).</summary>
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallSearch>();
        services.TryAddSingleton<DashboardQuery>();
        services.TryAddSingleton<ExportService>();
        services.AddSingleton<ExportMetrics>();
        // Answers the refusals the audit slice has logged (RefusalLoggingResultHandler).
        services.AddKeyedSingleton<IAuthorizationMiddlewareResultHandler, StatusCodesForFetchResultHandler>(RefusalLoggingResultHandler.AnswerKey);
        return services;
    }
}
