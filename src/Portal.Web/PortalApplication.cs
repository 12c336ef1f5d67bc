using Portal.Telephony;
using Portal.Web.Auth;
using Portal.Web.Components;
using Portal.Web.Data;
using Portal.Web.Features.Audit;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Dashboards;
using Portal.Web.Features.Exports;
using Portal.Web.Features.Home;
using Portal.Web.Features.Shell;
using Portal.Web.Features.Sync;
using Portal.Web.Security;
using Portal.Web.Telemetry;

namespace Portal.Web;

/// <summary>The portal's host: every feature registered, the database migrated, the pipeline and endpoints mapped.</summary>
public static class PortalApplication
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddPortalDatabase();
        builder.AddPortalAuthentication();
        builder.AddPortalKeyProtection();
        builder.AddPortalWebSecurity();
        builder.AddPortalSandbox();
        builder.Services.AddShell();
        builder.Services.AddHome();
        builder.Services.AddAudit();
        builder.Services.AddDashboards();
        builder.Services.AddCalls();
        builder.Services.AddExports();
        builder.Services.AddTelephony();
        builder.Services.AddSync();
        builder.AddConnections();
        builder.AddPortalTelemetry();

        var app = builder.Build();

        await app.Services.InitializePortalDatabaseAsync();

        app.UsePortalWebSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapPortalSandbox();
        app.MapConnectionEndpoints();
        app.MapCallEndpoints();
        app.MapExportEndpoints();
        app.MapRazorComponents<App>()
            // No second policy next to ours: the security headers already say frame-ancestors 'none' on every response.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        app.LogStartupBanner();
        return app;
    }
}
