namespace Portal.Web.Features.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>The exports (they read through the reporting core's queries, registered by it).</summary>
    public static IHostApplicationBuilder AddExports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddSingleton<ExportMetrics>();
        return builder;
    }
}
