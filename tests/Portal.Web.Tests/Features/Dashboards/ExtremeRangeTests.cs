using System.Net;
using Portal.Web.Reporting;
using Portal.Web.Tests.Features.Exports;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Dashboards;

/// <summary>
/// Ranges far outside <see cref="DateRangeLimits"/> in the URLs of the dashboard, the record browser and both exports: answered
/// without error, limited, and the ignored part named in words.
/// </summary>
public class ExtremeRangeTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    public static TheoryData<string, string> Ranges => new()
    {
        { "from=0001-01-01", "The from date 0001-01-01 is before 2000-01-01, the earliest day the portal shows; it was ignored and the range starts on 2000-01-01." },
        { "to=9999-12-31", "The to date 9999-12-31 is after " },
        { "from=1900-01-01&to=9999-12-30", "is longer than 5 years; the days before " },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task DashboardPage_ExtremeRange_NamesWhatWasIgnored(string range, string message)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var html = WebUtility.HtmlDecode(await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/dashboard?{range}")));

        Assert.Contains(message, html);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task CallsPage_ExtremeRange_NamesWhatWasIgnoredAndLoads(string range, string message)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var html = WebUtility.HtmlDecode(await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/calls?{range}")));

        Assert.Contains(message, html);
        Assert.DoesNotContain("could not be loaded", html);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task CallsExport_ExtremeRange_IsAWorkbookNamingWhatWasIgnored(string range, string message)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var bytes = await ExportEndpointTests.DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{range}"));

        using var workbook = ExportWorkbook.Open(bytes);
        var heading = workbook.Worksheet(CallsExport.SheetName).Column(1).CellsUsed().Select(c => c.GetString()).Take(12);
        Assert.Contains(heading, line => line.StartsWith("Ignored in the link: ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task CallsCount_ExtremeRange_Answers(string range, string message)
    {
        _ = message;
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync($"{ExportEndpoints.CallsCountPath}?{range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task DashboardReport_ExtremeRange_IsAWorkbookNamingWhatWasIgnored(string range, string message)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var bytes = await ExportEndpointTests.DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.DashboardPath}?{range}"));

        using var workbook = ExportWorkbook.Open(bytes);
        var summary = workbook.Worksheet(DashboardReport.SummarySheet).Column(1).CellsUsed().Select(c => c.GetString());
        Assert.Contains(summary, line => line.StartsWith("Ignored in the link: ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
        Assert.InRange(workbook.Worksheet(2).LastRowUsed()!.RowNumber(), 2, 5 * 366 + 1); // the daily or hourly trend
    }
}
