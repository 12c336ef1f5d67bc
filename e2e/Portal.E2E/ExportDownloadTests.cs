using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.Playwright;

namespace Portal.E2E;

/// <summary>portal.download (the ExportButton's browser half) in a real Chromium: fetch, progress, the saved file, refusals.</summary>
public class ExportDownloadTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // A stand-in for the DotNetObjectReference: records the progress reports.
    private const string Download = """
        async url => {
            window.progress = [];
            const dotnet = { invokeMethodAsync: (name, bytes, rows) => { window.progress.push({ name, bytes, rows }); return Promise.resolve(); } };
            return await window.portal.download("e2e", url, dotnet);
        }
        """;

    [Fact]
    public async Task Download_Supervisor_SavesTheWorkbookInTheBrowsersZone()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();

        JsonElement result = default;
        var download = await page.RunAndWaitForDownloadAsync(async () =>
            result = await page.EvaluateAsync<JsonElement>(Download, "/exports/calls.xlsx?range=last30days&direction=inbound"));

        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Matches(@"^calls-\d{8}-\d{4}\.xlsx$", download.SuggestedFilename);
        Assert.Equal(download.SuggestedFilename, result.GetProperty("fileName").GetString());
        var progress = await page.EvaluateAsync<JsonElement>("window.progress");
        Assert.Equal("ReportProgress", progress[0].GetProperty("name").GetString());
        Assert.Equal(0, progress[0].GetProperty("rows").GetInt32());
        var path = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            Assert.Equal(result.GetProperty("bytes").GetInt64(), new FileInfo(path).Length);
            using var workbook = new XLWorkbook(path);
            var heading = workbook.Worksheet("Calls").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("Times in Europe/Berlin", heading);
            Assert.Contains("Filter: direction: inbound", heading);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Download_UserWithoutRole_GetsTheServersMessage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.SignInAsync("guest", "guest");
        await Microsoft.Playwright.Assertions.Expect(page.GetByText("You have no access")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync(); // the notice is prerendered: portal.js may not have run yet when it shows

        var result = await page.EvaluateAsync<JsonElement>(Download, "/exports/calls.xlsx");

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal("Only supervisors and administrators may export calls.", result.GetProperty("message").GetString());
    }
}
