using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Portal.Web.Hosting;

public static class StartupBanner
{
    /// <summary>Says where to open the portal once it listens (and, with the sandbox, how to sign in).</summary>
    public static void LogStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                app.Logger.LogInformation("Portal is ready: open {Url}", address);
            }
            if (SandboxHosting.IsSandboxEnabled(app.Configuration, app.Environment))
            {
                app.Logger.LogInformation("Development sign-in: admin/admin, supervisor/supervisor, teamlead/teamlead, guest/guest");
                if (!app.Environment.IsDevelopment())
                {
                    app.Logger.LogWarning("Demo mode (Sandbox:AllowOutsideDevelopment=true): emulated vendors and sign-ins with published passwords such as admin/admin. "
                        + "Not for real data; for real use remove Sandbox:Enabled and set Authentication:Authority to your sign-in provider.");
                }
            }
        });
    }
}
