namespace Portal.Web.Features.Retention.Policies;

public static class RetentionPoliciesServiceCollectionExtensions
{
    /// <summary>
    /// Retention policies: the service that lists, saves and deletes them and previews the next run, the schedule, and the hosted
    /// scheduler that makes the purge jobs (the deletion jobs of <c>AddRetention</c> run them; its options hold the schedule).
    /// </summary>
    public static IHostApplicationBuilder AddRetentionPolicies(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<RetentionSchedule>();
        services.AddSingleton<RetentionPolicies>();
        services.AddSingleton<RetentionPurgeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionPurgeScheduler>());
        return builder;
    }
}
