using Portal.Web.Hosting;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Deletion jobs: the service that creates, pauses, resumes and cancels them, the hosted runner, the vendor deletes, their
    /// certificates, a connection's removal as a job, and the bulk-delete wizard.
    /// </summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        services.AddSingleton<DeletionJobSignal>();
        services.AddSingleton<VendorDeletes>();
        services.AddSingleton<DeletionJobs>();
        services.AddSingleton<IConnectionRemovals, ConnectionRemovals>();
        services.AddSingleton<DeletionCertificates>();
        services.AddSingleton<DeletionWizard>();
        services.AddSingleton<DeletionJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<DeletionJobRunner>());
        return builder;
    }
}
