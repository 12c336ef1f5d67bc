using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Reporting;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>The dashboard report over HTTP: its numbers are the dashboard's, for the same filter, user and zone.</summary>
public class DashboardReportTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    private static readonly PortalUser Supervisor = new("dev-supervisor", "Sam Supervisor", [PortalRoles.Supervisor], []);
    private static readonly PortalUser TeamLead = new("dev-teamlead", "Taylor Teamlead", [PortalRoles.Supervisor], ["support"]);

    [Theory]
    [InlineData("supervisor", "")]
    [InlineData("supervisor", "&direction=inbound&connection=1")]
    [InlineData("teamlead", "")]
    public async Task DashboardReport_Filter_NumbersEqualTheDashboards(string user, string extra)
    {
        using var client = await portal.SignedInAsync(user);
        var query = ExportPortal.Range + extra;

        var response = await client.Http.GetAsync($"{ExportEndpoints.DashboardPath}?{query}&tz=Europe/Berlin");

        var bytes = await ExportEndpointTests.DownloadAsync(response);
        Assert.Matches(@"^dashboard-\d{8}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var (filter, errors) = DashboardFilterQuery.Parse(query, DateRangeLimits.Today(TimeProvider.System));
        Assert.Empty(errors);
        var expected = await portal.App.Services.GetRequiredService<DashboardQuery>()
            .LoadWithCallListsAsync(user == "teamlead" ? TeamLead : Supervisor, filter, ExportPortal.Berlin);
        Assert.True(expected.Current.Total > 0 && expected.Previous.Total > 0);
        using var workbook = ExportWorkbook.Open(bytes);
        Assert.Equal([DashboardReport.SummarySheet, DashboardReport.DailyTrendSheet, DashboardReport.ExtensionsSheet, DashboardReport.VendorsSheet,
            DashboardReport.UnreturnedSheet], workbook.Worksheets.Select(s => s.Name));

        var summary = workbook.Worksheet(DashboardReport.SummarySheet);
        Assert.Contains("Period: 2025-03-10 to 2025-03-14", summary.Column(1).CellsUsed().Select(c => c.GetString()));
        var header = ExportWorkbook.RowOf(summary, "KPI");
        Assert.Equal(header, summary.SheetView.SplitRow);
        foreach (var (label, kind, value) in KpiCatalog.All.Select(k => (k.FullLabel, k.Kind, k.Value)))
        {
            var row = summary.Row(ExportWorkbook.RowOf(summary, label));
            AssertKpi(kind, value(expected.Current), row.Cell(2));
            AssertKpi(kind, value(expected.Previous), row.Cell(3));
            AssertNumber(KpiCatalog.Change(kind, value(expected.Current), value(expected.Previous)), row.Cell(4));
        }
        Assert.Equal(expected.Current.Total, summary.Row(ExportWorkbook.RowOf(summary, "Total calls")).Cell(2).GetDouble());

        var trend = ExportWorkbook.Rows(workbook.Worksheet(DashboardReport.DailyTrendSheet), 2);
        Assert.Equal(expected.Volume.Select(v => (v.LocalStart, (double)v.Total, (double)v.Missed)),
            trend.Select(r => (r.Cell(1).GetDateTime(), r.Cell(2).GetDouble(), r.Cell(4).GetDouble())));
        Assert.Equal(expected.Current.Total, trend.Sum(r => r.Cell(2).GetDouble()));

        var extensions = ExportWorkbook.Rows(workbook.Worksheet(DashboardReport.ExtensionsSheet), 2);
        Assert.Equal(expected.Extensions.Select(e => (e.Extension, (double)e.Calls, (double)e.Missed, Math.Round(e.TalkSeconds / 86_400.0 * 86_400) / 86_400)),
            extensions.Select(r => (r.Cell(1).GetString(), r.Cell(3).GetDouble(), r.Cell(6).GetDouble(), Math.Round(Number(r.Cell(8)) * 86_400) / 86_400)));
        Assert.All(extensions, r => Assert.Equal(XLDataType.Text, r.Cell(1).DataType));
        if (user == "teamlead")
        {
            Assert.All(extensions, r => Assert.Contains(r.Cell(1).GetString(), portal.Teams["support"]));
        }

        var vendors = ExportWorkbook.Rows(workbook.Worksheet(DashboardReport.VendorsSheet), 2);
        Assert.Equal(expected.Vendors.Select(v => ((double)v.Calls, (double)v.Answered)), vendors.Select(r => (r.Cell(2).GetDouble(), r.Cell(3).GetDouble())));

        var unreturnedSheet = workbook.Worksheet(DashboardReport.UnreturnedSheet);
        var unreturned = unreturnedSheet.LastRowUsed()!.RowNumber() > 2 ? ExportWorkbook.Rows(unreturnedSheet, 3) : [];
        Assert.Equal(expected.Lists!.Unreturned.Calls.Select(c => (TimeZoneInfo.ConvertTimeFromUtc(c.StartedAtUtc, ExportPortal.Berlin), c.Number)),
            unreturned.Select(r => (r.Cell(1).GetDateTime(), r.Cell(2).GetString())));
    }

    [Fact]
    public async Task DashboardReport_Completed_WritesAuditEntryWithRowCount()
    {
        using var client = await portal.SignedInAsync("teamlead");

        var bytes = await ExportEndpointTests.DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.DashboardPath}?{ExportPortal.Range}&tz=Europe/Berlin"));

        using var workbook = ExportWorkbook.Open(bytes);
        var dataRows = KpiCatalog.All.Count
            + workbook.Worksheets.Skip(1).Sum(s => s.LastRowUsed()!.RowNumber() - (s.Name == DashboardReport.UnreturnedSheet ? 2 : 1));
        var contexts = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == ExportService.DashboardAction).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(("dev-teamlead", (long?)dataRows), (entry.UserId, entry.RowCount));
        Assert.Equal($"{ExportPortal.Range}&tz=Europe/Berlin", entry.Filter);
        Assert.Contains("Rows per sheet: Summary 13", entry.Details);
    }

    [Theory]
    [InlineData(10, 2, 11, 10, 0)]
    [InlineData(11, 2, 11, 9, 2)]
    [InlineData(3, 3, 3, 0, 3)]
    public void Fit_TableLongerThanTheSheet_KeepsRoomForTheNoteAndCountsTheRest(int items, int firstRow, int maxSheetRows, int kept, int leftOut)
    {
        var (rows, left) = DashboardReport.Fit(Enumerable.Range(0, items).ToList(), firstRow, maxSheetRows);

        Assert.Equal(Enumerable.Range(0, kept), rows);
        Assert.Equal(leftOut, left);
        Assert.True(leftOut == 0 ? firstRow + kept - 1 <= maxSheetRows : firstRow + kept <= maxSheetRows);
    }

    [Fact]
    public async Task Write_TablesLongerThanTheRowLimit_AreCutWithANoteOnTheLastRow()
    {
        var (filter, _) = DashboardFilterQuery.Parse(ExportPortal.Range, DateRangeLimits.Today(TimeProvider.System));
        var data = await portal.App.Services.GetRequiredService<DashboardQuery>().LoadWithCallListsAsync(Supervisor, filter, ExportPortal.Berlin);
        using var output = new MemoryStream();

        var result = DashboardReport.Write(output, new ExportHeading("Dashboard report", [], "Sam", DateTime.UtcNow), data, maxSheetRows: 4);

        using var workbook = new XLWorkbook(new MemoryStream(output.ToArray()));
        var trend = workbook.Worksheet(DashboardReport.DailyTrendSheet);
        Assert.Equal(5, data.Volume.Count);
        Assert.Equal(4, trend.LastRowUsed()!.RowNumber());
        Assert.Equal(data.Volume[1].LocalStart, trend.Cell(3, 1).GetDateTime());
        Assert.Equal(DashboardReport.LeftOutNote(3), trend.Cell(4, 1).GetString());
        Assert.StartsWith("3 more rows were left out: an Excel sheet holds at most 1", trend.Cell(4, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal("A1:I3", trend.AutoFilter.Range.RangeAddress.ToString());
        var extensions = workbook.Worksheet(DashboardReport.ExtensionsSheet);
        Assert.Equal(DashboardReport.LeftOutNote(data.Extensions.Count - 2), extensions.Cell(4, 1).GetString());
        Assert.Contains("Daily trend 2, Extensions 2", result.Details);
    }

    private static void AssertKpi(KpiKind kind, double? expected, IXLCell cell) =>
        AssertNumber(kind == KpiKind.Duration ? expected / 86_400 : expected, cell);

    private static void AssertNumber(double? expected, IXLCell cell)
    {
        if (expected is null)
        {
            Assert.True(cell.IsEmpty(), $"{cell.Address} should be empty but is {cell.GetString()}");
            return;
        }
        Assert.Equal(expected.Value, Number(cell), 2e-8);
    }

    /// <summary>The number in a cell; ClosedXML reads a number with a time format ([h]:mm:ss) back as a date-time.</summary>
    private static double Number(IXLCell cell) => cell.DataType switch
    {
        XLDataType.Number => cell.GetDouble(),
        XLDataType.DateTime => cell.GetDateTime().ToOADate(),
        _ => throw new Xunit.Sdk.XunitException($"{cell.Address} holds {cell.DataType}, not a number"),
    };
}
