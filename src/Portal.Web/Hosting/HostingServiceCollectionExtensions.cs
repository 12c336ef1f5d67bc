using MudBlazor.Services;
using Portal.Sandbox;

namespace Portal.Web.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// The clock every part of the portal reads (registered here only: no other registration adds one), Blazor Server with
    /// MudBlazor, and what the app shell needs: the viewer's time zone and the user's preferences.
    /// </summary>
    public static IHostApplicationBuilder AddHosting(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ViewerClock>();
        services.AddSingleton<UserPreferencesService>();
        return builder;
    }

    /// <summary>The sandbox's emulators and development sign-in provider, when this host runs them (<see cref="SandboxHosting"/>).</summary>
    public static IHostApplicationBuilder AddPortalSandbox(this IHostApplicationBuilder builder)
    {
        if (SandboxHosting.IsSandboxEnabled(builder.Configuration, builder.Environment))
        {
            builder.Services.AddSandbox(builder.Configuration);
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapPortalSandbox(this WebApplication app)
    {
        if (SandboxHosting.IsSandboxEnabled(app.Configuration, app.Environment))
        {
            app.MapSandbox();
        }
        return app;
    }
}
