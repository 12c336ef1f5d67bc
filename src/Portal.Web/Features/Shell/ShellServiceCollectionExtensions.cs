using MudBlazor.Services;
using Portal.Web.Features.Preferences;

namespace Portal.Web.Features.Shell;

public static class ShellServiceCollectionExtensions
{
    /// <summary>Blazor Server with MudBlazor, and what the app shell needs (preferences, the viewer's time zone).</summary>
    public static IServiceCollection AddShell(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ViewerClock>();
        services.AddPreferences();
        return services;
    }
}
