using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Web.Features.Dashboards;

public static class DashboardsServiceCollectionExtensions
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardQuery>();
        return services;
    }
}
