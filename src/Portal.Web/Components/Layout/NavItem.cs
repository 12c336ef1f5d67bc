using Portal.Web.Auth;

namespace Portal.Web.Components.Layout;

/// <summary>An entry of the navigation: only features that exist, each shown only to those who may use it.</summary>
public sealed record NavItem(string Title, string Href, string Icon, bool AdminOnly = false)
{
    public bool IsVisibleTo(PortalUser user) => AdminOnly ? user.IsAdmin : user.IsViewer;

    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("Home", "/", MudBlazor.Icons.Material.Outlined.Home),
        new("Dashboard", "/dashboard", MudBlazor.Icons.Material.Outlined.Insights),
        new("Calls", "/calls", MudBlazor.Icons.Material.Outlined.Phone),
        new("Connections", "/connections", MudBlazor.Icons.Material.Outlined.Cable, AdminOnly: true),
        new("Retention", "/retention", MudBlazor.Icons.Material.Outlined.AutoDelete, AdminOnly: true),
        new("Audit log", "/audit", MudBlazor.Icons.Material.Outlined.FactCheck, AdminOnly: true),
    ];
}
