using Portal.Telephony.Calls;
using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class ExtensionTableTests : PortalComponentTest
{
    private static readonly ExtensionStats[] Extensions =
    [
        new("101", "Anna Becker", Calls: 40, Answered: 30, Inbound: 25, Missed: 8, TalkSeconds: 3_600),
        new("", null, Calls: 30, Answered: 20, Inbound: 30, Missed: 10, TalkSeconds: 1_200),
        new("99", "Zoe Lange", Calls: 10, Answered: 10, Inbound: 2, Missed: 0, TalkSeconds: 600),
        new("110", null, Calls: 20, Answered: 0, Inbound: 0, Missed: 0, TalkSeconds: 0),
    ];

    private static readonly DashboardFilter Filter = new()
    {
        Range = DateRangePreset.Last30Days,
        Direction = CallDirection.Inbound,
        Teams = ["sales"],
        UnreturnedWindowHours = 48,
    };

    [Fact]
    public void Render_Stats_BusiestFirstWithFormattedCells()
    {
        var table = RenderTable();

        Assert.Equal(["101", "", "110", "99"], RowExtensions(table));
        var anna = table.FindAll("tr.extension-row")[0];
        Assert.Equal(["101 · Anna Becker", "40", "30", "8", "32.0%", "2:00", "1:00:00"], anna.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        var idle = table.FindAll("tr.extension-row")[2];
        Assert.Equal(["110", "20", "0", "0", "—", "—", "0:00"], idle.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Render_Stats_LinkToTheExtensionsCallsWithTheDashboardFilter()
    {
        var table = RenderTable();

        var link = table.Find("[data-extension='101'] a");
        Assert.Equal("/calls?range=last30days&direction=inbound&team=sales&extension=101", link.GetAttribute("href"));
        Assert.Equal("/calls?range=last30days&direction=inbound&team=sales&extension=99", table.Find("[data-extension='99'] a").GetAttribute("href"));
    }

    [Fact]
    public void Render_CallsWithoutExtension_LabelledAndNotLinked()
    {
        var table = RenderTable();

        var cell = table.Find("[data-extension='']");
        Assert.Equal("No extension", cell.TextContent.Trim());
        Assert.Null(cell.QuerySelector("a"));
    }

    [Fact]
    public void ClickSort_Extension_NumericOrderNoExtensionLast()
    {
        var table = RenderTable();

        table.Find("[data-testid=sort-extension]").Click();

        Assert.Equal(["99", "101", "110", ""], RowExtensions(table));
    }

    [Fact]
    public void ClickSort_MissedRateTwice_HighestFirstThenLowest()
    {
        var table = RenderTable();

        table.Find("[data-testid=sort-missed-rate]").Click();
        Assert.Equal(["110", "99", "101", ""], RowExtensions(table)); // no inbound (no rate) counts lowest
        table.Find("[data-testid=sort-missed-rate]").Click();
        Assert.Equal(["", "101", "99", "110"], RowExtensions(table));
    }

    [Fact]
    public void ClickSort_Calls_TogglesToAscending()
    {
        var table = RenderTable();

        table.Find("[data-testid=sort-calls]").Click();

        Assert.Equal(["99", "110", "", "101"], RowExtensions(table));
    }

    private IRenderedComponent<ExtensionTable> RenderTable() =>
        Render<ExtensionTable>(p => p.Add(t => t.Extensions, Extensions).Add(t => t.Filter, Filter));

    private static List<string?> RowExtensions(IRenderedComponent<ExtensionTable> table) =>
        table.FindAll("tr.extension-row [data-testid=extension]").Select(td => td.GetAttribute("data-extension")).ToList();
}
