using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class DashboardEmptyStateTests : PortalComponentTest
{
    [Fact]
    public void Render_Admin_SaysWhatToDoAndLinksToConnections()
    {
        var empty = Render<DashboardEmptyState>(p => p.Add(e => e.IsAdmin, true));

        Assert.Contains("No calls in this range", empty.Find("h2").TextContent);
        Assert.Contains("Pick another or a longer range", empty.Markup);
        Assert.Equal("/connections", empty.Find("[data-testid=empty-connections-link]").GetAttribute("href"));
        Assert.Empty(empty.FindAll("[data-testid=empty-clear-filters]"));
    }

    [Fact]
    public void Render_Supervisor_AsksForAnAdministratorWithoutLink()
    {
        var empty = Render<DashboardEmptyState>(p => p.Add(e => e.IsAdmin, false));

        Assert.Contains("ask an administrator to connect a vendor", empty.Markup);
        Assert.Empty(empty.FindAll("a[href='/connections']"));
    }

    [Fact]
    public void Render_WithFilters_OffersToClearThem()
    {
        var cleared = false;
        var empty = Render<DashboardEmptyState>(p => p.Add(e => e.HasFilters, true).Add(e => e.OnClearFilters, () => cleared = true));

        Assert.Contains("clear the filters", empty.Markup);
        empty.Find("[data-testid=empty-clear-filters]").Click();
        Assert.True(cleared);
    }
}
