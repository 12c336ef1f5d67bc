using Microsoft.AspNetCore.Authorization;
using Portal.Web.Audit;

namespace Portal.Web.Features.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>The exports (they read through the reporting core's queries, registered by it).</summary>
    public static IHostApplicationBuilder AddExports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddSingleton<ExportMetrics>();
        // Answers the refusals the audit core has logged (RefusalLoggingResultHandler).
        builder.Services.AddKeyedSingleton<IAuthorizationMiddlewareResultHandler, StatusCodesForFetchResultHandler>(RefusalLoggingResultHandler.AnswerKey);
        return builder;
    }
}
