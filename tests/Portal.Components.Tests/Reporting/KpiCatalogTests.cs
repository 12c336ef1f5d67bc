using System.Globalization;
using ClosedXML.Excel;
using Portal.Web.Features.Dashboards;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;
using Portal.Web.Reporting;

namespace Portal.Components.Tests.Reporting;

/// <summary>The dashboard's tiles and the report workbook's summary rows both come from <see cref="KpiCatalog"/>: same KPIs, order and values.</summary>
public class KpiCatalogTests : PortalComponentTest
{
    private static readonly CallKpis Current = new(Total: 200, Inbound: 120, Outbound: 70, Internal: 10, Answered: 150, Missed: 30,
        TotalTalkSeconds: 27_000, AverageTalkSeconds: 180, MedianTalkSeconds: 150.5, P90TalkSeconds: 420, PercentilesEstimated: true,
        AverageRingSeconds: 12.25);

    // No internal calls and no ring time before: two KPIs without a baseline.
    private static readonly CallKpis Previous = new(Total: 100, Inbound: 80, Outbound: 20, Internal: 0, Answered: 70, Missed: 16,
        TotalTalkSeconds: 9_000, AverageTalkSeconds: 128.57, MedianTalkSeconds: 110, P90TalkSeconds: 300, PercentilesEstimated: false,
        AverageRingSeconds: null);

    [Fact]
    public void Catalog_Keys_AreUniqueAndEveryRateExplainsItsDenominator()
    {
        Assert.Equal(KpiCatalog.All.Count, KpiCatalog.All.Select(k => k.Key).Distinct().Count());
        Assert.All(KpiCatalog.All.Where(k => k.Kind == KpiKind.Rate), k => Assert.Contains("÷", k.Hint));
    }

    [Fact]
    public void TilesAndWorkbook_SameKpisInTheSameOrder()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));
        var rows = SummaryRows();

        Assert.Equal(KpiCatalog.All.Select(k => "kpi-" + k.Key), tiles.FindAll("[data-testid^=kpi-][data-value]").Select(e => e.GetAttribute("data-testid")));
        Assert.Equal(KpiCatalog.All.Select(k => k.Label), tiles.FindAll(".kpi-label").Select(e => e.TextContent.Trim()));
        Assert.Equal(KpiCatalog.All.Select(k => k.Group).Distinct(), tiles.FindAll(".kpi-group-title").Select(e => e.TextContent));
        Assert.Equal(KpiCatalog.All.Select(k => k.FullLabel), rows.Select(r => r.Cell(1).GetString()));
    }

    [Fact]
    public void TilesAndWorkbook_SameValuesAndChanges()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));
        var rows = SummaryRows();

        foreach (var (kpi, row) in KpiCatalog.All.Zip(rows))
        {
            var tile = tiles.Find($"[data-testid=kpi-{kpi.Key}]");
            AssertSame(Number(tile.GetAttribute("data-value")), Cell(kpi, row.Cell(2)));
            AssertSame(Number(tile.GetAttribute("data-previous")), Cell(kpi, row.Cell(3)));
            var change = tile.QuerySelector("[data-testid=kpi-change]")!;
            if (row.Cell(4).IsEmpty())
            {
                Assert.Equal("none", change.GetAttribute("data-trend"));
            }
            else
            {
                Assert.Contains(ChangeText(kpi.Kind, row.Cell(4).GetDouble()), change.TextContent);
            }
        }
        Assert.Equal(2, rows.Count(r => r.Cell(4).IsEmpty()));
    }

    [Fact]
    public void TilesAndWorkbook_EstimatedOnTheSameKpis()
    {
        var tiles = Render<KpiTiles>(p => p.Add(t => t.Current, Current).Add(t => t.Previous, Previous));
        var rows = SummaryRows();

        var estimatedTiles = KpiCatalog.All.Where(k => tiles.FindAll($"[data-testid=kpi-{k.Key}] [data-testid=kpi-estimated]").Count == 1).Select(k => k.Key);
        var estimatedRows = KpiCatalog.All.Zip(rows).Where(p => p.Second.Cell(5).GetString().Contains("estimated", StringComparison.Ordinal)).Select(p => p.First.Key);
        Assert.Equal(["median-duration", "p90-duration"], estimatedTiles);
        Assert.Equal(estimatedTiles, estimatedRows);
    }

    /// <summary>The summary sheet's KPI rows of a report on <see cref="Current"/> against <see cref="Previous"/>.</summary>
    private static List<IXLRow> SummaryRows()
    {
        var period = ReportingPeriod.Resolve(new DashboardFilter(), TimeZoneInfo.Utc, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var data = new DashboardData(period, Current, Previous, [], [], new WeekHourGrid(), new WeekHourGrid(), [], [], [], null);
        using var output = new MemoryStream();
        DashboardReport.Write(output, new ExportHeading("Dashboard report", [], "Sam", new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc)), data);
        var sheet = new XLWorkbook(new MemoryStream(output.ToArray())).Worksheet(DashboardReport.SummarySheet);
        var header = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "KPI").Address.RowNumber;
        return Enumerable.Range(header + 1, KpiCatalog.All.Count).Select(sheet.Row).ToList();
    }

    /// <summary>A workbook cell as the tile's raw number: durations are Excel times (days) there, seconds on the tile.</summary>
    private static double? Cell(KpiDefinition kpi, IXLCell cell) =>
        cell.IsEmpty() ? null : kpi.Kind == KpiKind.Duration ? Days(cell) * 86_400 : cell.GetDouble();

    /// <summary>An Excel time as days (ClosedXML reads a [h]:mm:ss cell back as a date or a time span).</summary>
    private static double Days(IXLCell cell) => cell.DataType switch
    {
        XLDataType.DateTime => cell.GetDateTime().ToOADate(),
        XLDataType.TimeSpan => cell.GetTimeSpan().TotalDays,
        _ => cell.GetDouble(),
    };

    private static void AssertSame(double? tile, double? workbook)
    {
        Assert.Equal(tile is null, workbook is null);
        Assert.Equal(tile ?? 0, workbook ?? 0, 8);
    }

    private static double? Number(string? raw) => string.IsNullOrEmpty(raw) ? null : double.Parse(raw, CultureInfo.InvariantCulture);

    /// <summary>The tile's words for the workbook's change: percentage points for rates, a percentage (one decimal) otherwise.</summary>
    private static string ChangeText(KpiKind kind, double change)
    {
        var (delta, unit) = kind == KpiKind.Rate ? (change, " pp") : (Math.Round(change * 100, 1), "%");
        return delta == 0 ? "no change" : (delta > 0 ? "+" : "−") + Math.Abs(delta).ToString("0.0", CultureInfo.CurrentCulture) + unit;
    }
}
