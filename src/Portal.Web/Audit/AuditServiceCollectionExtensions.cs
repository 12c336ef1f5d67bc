using Microsoft.AspNetCore.Authorization;

namespace Portal.Web.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit and security logs, and the handler that writes every forbidden request to them.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SecurityLog>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RequestRefusals>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new RefusalLoggingResultHandler(sp.GetRequiredService<RequestRefusals>(),
            sp.GetKeyedService<IAuthorizationMiddlewareResultHandler>(RefusalLoggingResultHandler.AnswerKey)));
        return builder;
    }
}
