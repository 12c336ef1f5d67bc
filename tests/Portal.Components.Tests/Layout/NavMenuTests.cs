using Portal.Web.Auth;
using Portal.Web.Components.Layout;

namespace Portal.Components.Tests.Layout;

public class NavMenuTests : PortalComponentTest
{
    [Fact]
    public void Render_Admin_ShowsAdminOnlyEntries()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, new PortalUser("dev-admin", "Alex Admin", [PortalRoles.Admin], [])));

        Assert.NotNull(menu.Find("[data-testid=nav-home]"));
        Assert.NotNull(menu.Find("[data-testid=nav-audit]"));
        Assert.Equal("/retention", menu.Find("[data-testid=nav-retention]").GetAttribute("href"));
    }

    [Fact]
    public void Render_Supervisor_HidesAdminOnlyEntries()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, new PortalUser("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], [])));

        Assert.NotNull(menu.Find("[data-testid=nav-home]"));
        Assert.Equal("/dashboard", menu.Find("[data-testid=nav-dashboard]").GetAttribute("href"));
        Assert.Empty(menu.FindAll("[data-testid=nav-audit]"));
        Assert.Empty(menu.FindAll("[data-testid=nav-retention]"));
        Assert.All(NavItem.All.Where(i => i.AdminOnly), item => Assert.DoesNotContain(item.Title, menu.Markup));
    }

    [Fact]
    public void Render_UserWithoutRole_ShowsNothing()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, new PortalUser("dev-guest", "Gale Guest", [], [])));

        Assert.Empty(menu.FindAll("a"));
    }
}
