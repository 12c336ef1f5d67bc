using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Components;
using Portal.Web.Data;
using Portal.Web.Features.Calls;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Exports;
using Portal.Web.Features.Home;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Features.Retention.Policies;
using Portal.Web.Features.Sync;
using Portal.Web.Hosting;
using Portal.Web.Reporting;
using Portal.Web.Security;
using Portal.Web.Telemetry;
using Portal.Web.Vendors;

namespace Portal.Web;

/// <summary>
/// The portal's host: every core and feature registered, the database migrated, the pipeline and endpoints mapped.
/// <para>
/// The dependency rule (enforced by ArchitectureTests): a feature (<c>Features/&lt;Feature&gt;</c>: its pages, components,
/// endpoints and services) uses the cores and never another feature; a core (<c>Hosting</c>, <c>Data</c>, <c>Auth</c>,
/// <c>Security</c>, <c>Audit</c>, <c>Vendors</c>, <c>Reporting</c>, <c>Components</c>) never uses a feature. What two features
/// need goes into a core. Each core and feature registers its services once, in its own <c>builder.Add&lt;Name&gt;()</c>,
/// called only from here.
/// </para>
/// </summary>
public static class PortalApplication
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Cores
        builder.AddHosting();
        builder.AddPortalDatabase();
        builder.AddPortalAuthentication();
        builder.AddPortalKeyProtection();
        builder.AddPortalWebSecurity();
        builder.AddPortalSandbox();
        builder.AddAudit();
        builder.AddVendors();
        builder.AddReporting();
        // Features (Dashboards and the audit page register nothing of their own)
        builder.AddHome();
        builder.AddCalls();
        builder.AddExports();
        builder.AddSync();
        builder.AddConnections();
        builder.AddRetention();
        builder.AddLegalHolds();
        builder.AddRetentionPolicies();
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
        app.MapRetentionEndpoints();
        app.MapRazorComponents<App>()
            // No second policy next to ours: the security headers already say frame-ancestors 'none' on every response.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        app.LogStartupBanner();
        return app;
    }
}
