namespace Portal.Web.Features.Home;

public static class HomeServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddHome(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectionOverview>();
        return builder;
    }
}
