using System.Globalization;
using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class KpiTilesTests : PortalComponentTest
{
    private static readonly CallKpis Current = new(Total: 200, Inbound: 120, Outbound: 70, Internal: 10, Answered: 150, Missed: 30,
        TotalTalkSeconds: 27_000, AverageTalkSeconds: 180, MedianTalkSeconds: 150.5, P90TalkSeconds: 420, PercentilesEstimated: false,
        AverageRingSeconds: 12.25);

    private static readonly CallKpis Previous = new(Total: 100, Inbound: 80, Outbound: 15, Internal: 5, Answered: 70, Missed: 16,
        TotalTalkSeconds: 9_000, AverageTalkSeconds: 128.57, MedianTalkSeconds: 110, P90TalkSeconds: 300, PercentilesEstimated: false,
        AverageRingSeconds: null);

    [Theory]
    [InlineData("kpi-total", 200.0)]
    [InlineData("kpi-inbound", 120.0)]
    [InlineData("kpi-outbound", 70.0)]
    [InlineData("kpi-internal", 10.0)]
    [InlineData("kpi-answered", 150.0)]
    [InlineData("kpi-missed", 30.0)]
    [InlineData("kpi-missed-rate", 0.25)]
    [InlineData("kpi-answer-rate", 0.75)]
    [InlineData("kpi-avg-duration", 180.0)]
    [InlineData("kpi-median-duration", 150.5)]
    [InlineData("kpi-p90-duration", 420.0)]
    [InlineData("kpi-total-talk", 27_000.0)]
    [InlineData("kpi-avg-ring", 12.25)]
    public void Render_Kpis_EveryTileWithItsRawValue(string testId, double expected)
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));

        var value = tiles.Find($"[data-testid={testId}]").GetAttribute("data-value");
        Assert.Equal(expected, double.Parse(value!, CultureInfo.InvariantCulture), 10);
    }

    [Fact]
    public void Render_Kpis_ThirteenTilesInThreeGroupsWithUniqueIds()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));

        var ids = tiles.FindAll("[data-testid^=kpi-][data-value]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(13, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(["Calls", "Outcomes", "Talk time"], tiles.FindAll(".kpi-group-title").Select(e => e.TextContent));
    }

    [Fact]
    public void Render_Kpis_FormattedValuesAndChanges()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));

        Assert.Equal("25.0%", Value(tiles, "kpi-missed-rate"));
        Assert.Equal("3:00", Value(tiles, "kpi-avg-duration"));
        Assert.Equal("7:30:00", Value(tiles, "kpi-total-talk"));
        Assert.Equal("0:12", Value(tiles, "kpi-avg-ring"));
        // missed rate 25.0% vs 20.0 %: 5 points worse
        Assert.Equal("bad", Change(tiles, "kpi-missed-rate").GetAttribute("data-tone"));
        Assert.Contains("+5.0 pp", Change(tiles, "kpi-missed-rate").TextContent);
        // total doubled, neither good nor bad
        Assert.Contains("+100.0%", Change(tiles, "kpi-total").TextContent);
        Assert.Equal("neutral", Change(tiles, "kpi-total").GetAttribute("data-tone"));
        // ring time: the vendors did not report it before
        Assert.Equal("none before", Change(tiles, "kpi-avg-ring").TextContent.Trim());
    }

    [Fact]
    public void Render_EstimatedPercentiles_ApproximatelyOnMedianAndP90Only()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current with { PercentilesEstimated = true }).Add(t => t.Previous, Previous));

        Assert.Single(tiles.FindAll("[data-testid=kpi-median-duration] [data-testid=kpi-estimated]"));
        Assert.Single(tiles.FindAll("[data-testid=kpi-p90-duration] [data-testid=kpi-estimated]"));
        Assert.Equal(2, tiles.FindAll("[data-testid=kpi-estimated]").Count);
    }

    [Fact]
    public void Render_WithoutData_Skeletons()
    {
        var tiles = Render<KpiTiles>();

        Assert.NotNull(tiles.Find("[data-testid=kpi-loading]"));
        Assert.Equal(13, tiles.FindAll(".mud-skeleton").Count);
        Assert.Empty(tiles.FindAll("[data-value]"));
    }

    private static string Value(IRenderedComponent<KpiTiles> tiles, string testId) =>
        tiles.Find($"[data-testid={testId}] [data-testid=kpi-value]").TextContent.Trim();

    private static AngleSharp.Dom.IElement Change(IRenderedComponent<KpiTiles> tiles, string testId) =>
        tiles.Find($"[data-testid={testId}] [data-testid=kpi-change]");
}
