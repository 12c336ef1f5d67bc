using Portal.Web.Reporting;
using Portal.Web.Features.Dashboards;

namespace Portal.Components.Tests.Dashboards;

public class KpiTileTests : PortalComponentTest
{
    [Fact]
    public void Render_MissedUp_ValueChangeArrowAndBadTone()
    {
        var tile = RenderTile(new Kpi("missed", "Missed", KpiKind.Count, KpiPolarity.LowerIsBetter, 1500, 1000, true));

        var root = tile.Find("[data-testid=kpi-missed]");
        Assert.Equal("1500", root.GetAttribute("data-value"));
        Assert.Equal("1000", root.GetAttribute("data-previous"));
        Assert.Equal("Missed", tile.Find(".kpi-label").TextContent);
        Assert.Equal("1,500", tile.Find("[data-testid=kpi-value]").TextContent.Trim());
        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("up", change.GetAttribute("data-trend"));
        Assert.Equal("bad", change.GetAttribute("data-tone"));
        Assert.Contains("kpi-bad", change.ClassList);
        Assert.Contains("+50.0%", change.TextContent);
        Assert.Contains("vs 1,000", change.TextContent);
        Assert.Contains("Up", change.QuerySelector(".visually-hidden")!.TextContent);
        Assert.NotNull(change.QuerySelector("svg.kpi-arrow"));
    }

    [Fact]
    public void Render_MissedDown_GoodTone()
    {
        var tile = RenderTile(new Kpi("missed", "Missed", KpiKind.Count, KpiPolarity.LowerIsBetter, 750, 1000, true));

        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("down", change.GetAttribute("data-trend"));
        Assert.Equal("good", change.GetAttribute("data-tone"));
        Assert.Contains("−25.0%", change.TextContent);
    }

    [Fact]
    public void Render_AnswerRateDown_PercentagePointsBadTone()
    {
        var tile = RenderTile(new Kpi("answer-rate", "Answer rate", KpiKind.Rate, KpiPolarity.HigherIsBetter, 0.7, 0.8123, true));

        Assert.Equal("0.7", tile.Find("[data-testid=kpi-answer-rate]").GetAttribute("data-value"));
        Assert.Equal("70.0%", tile.Find("[data-testid=kpi-value]").TextContent.Trim());
        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("bad", change.GetAttribute("data-tone"));
        Assert.Contains("−11.2 pp", change.TextContent);
        Assert.Contains("vs 81.2%", change.TextContent);
    }

    [Fact]
    public void Render_TotalUp_NeutralTone()
    {
        var tile = RenderTile(new Kpi("total", "Total calls", KpiKind.Count, KpiPolarity.Neutral, 120, 100, true));

        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("up", change.GetAttribute("data-trend"));
        Assert.Equal("neutral", change.GetAttribute("data-tone"));
        Assert.Contains("+20.0%", change.TextContent);
    }

    [Fact]
    public void Render_Unchanged_FlatNeutral()
    {
        var tile = RenderTile(new Kpi("avg-duration", "Average talk time", KpiKind.Duration, KpiPolarity.Neutral, 125, 125, true));

        Assert.Equal("2:05", tile.Find("[data-testid=kpi-value]").TextContent.Trim());
        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("flat", change.GetAttribute("data-trend"));
        Assert.Equal("neutral", change.GetAttribute("data-tone"));
        Assert.Contains("no change", change.TextContent);
    }

    [Fact]
    public void Render_NoCallsBefore_SaysSoWithoutArrow()
    {
        var tile = RenderTile(new Kpi("total", "Total calls", KpiKind.Count, KpiPolarity.Neutral, 42, 0, false));

        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("none", change.GetAttribute("data-trend"));
        Assert.Equal("neutral", change.GetAttribute("data-tone"));
        Assert.Equal("no calls before", change.TextContent.Trim());
        Assert.Null(change.QuerySelector("svg"));
    }

    [Fact]
    public void Render_NullValueAndNullPrevious_DashAndEmptyDataValue()
    {
        var tile = RenderTile(new Kpi("avg-ring", "Average ring time", KpiKind.Duration, KpiPolarity.LowerIsBetter, null, null, true));

        Assert.Equal("", tile.Find("[data-testid=kpi-avg-ring]").GetAttribute("data-value"));
        Assert.Equal("—", tile.Find("[data-testid=kpi-value]").TextContent.Trim());
        Assert.Equal("none before", tile.Find("[data-testid=kpi-change]").TextContent.Trim());
    }

    [Fact]
    public void Render_NullNowWithPrevious_NoneNow()
    {
        var tile = RenderTile(new Kpi("missed-rate", "Missed-call rate", KpiKind.Rate, KpiPolarity.LowerIsBetter, null, 0.1, true));

        var change = tile.Find("[data-testid=kpi-change]");
        Assert.Equal("none", change.GetAttribute("data-trend"));
        Assert.Equal("none now", change.TextContent.Trim());
    }

    [Fact]
    public void Render_Estimated_ApproximatelyWithTooltip()
    {
        var tile = RenderTile(new Kpi("median-duration", "Median talk time", KpiKind.Duration, KpiPolarity.Neutral, 95, 90, true, Estimated: true));

        Assert.Equal("≈", tile.Find("[data-testid=kpi-estimated]").TextContent);
        Assert.Contains("≈", tile.Find("[data-testid=kpi-value]").TextContent);
        Assert.Contains("1:35", tile.Find("[data-testid=kpi-value]").TextContent);
    }

    [Fact]
    public void Render_NotEstimated_NoApproximately()
    {
        var tile = RenderTile(new Kpi("median-duration", "Median talk time", KpiKind.Duration, KpiPolarity.Neutral, 95, 90, true));

        Assert.Empty(tile.FindAll("[data-testid=kpi-estimated]"));
    }

    private IRenderedComponent<KpiTile> RenderTile(Kpi kpi) => Render<KpiTile>(p => p.Add(t => t.Kpi, kpi));
}
