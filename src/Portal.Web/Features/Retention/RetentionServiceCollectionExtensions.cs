using Portal.Web.Hosting;

namespace Portal.Web.Features.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Deletion jobs: the service that creates, pauses, resumes and cancels them, the hosted runner, and their certificates.</summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        services.AddSingleton<DeletionJobSignal>();
        services.AddSingleton<DeletionJobs>();
        services.AddSingleton<DeletionCertificates>();
        services.AddSingleton<DeletionJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<DeletionJobRunner>());
        return builder;
    }
}
