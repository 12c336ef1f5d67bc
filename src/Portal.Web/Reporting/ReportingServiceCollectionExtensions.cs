namespace Portal.Web.Reporting;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>The queries every reader of calls goes through: call records (<see cref="CallSearch"/>) and rollup figures (<see cref="DashboardQuery"/>).</summary>
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallSearch>();
        builder.Services.AddSingleton<DashboardQuery>();
        return builder;
    }
}
