using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Sandbox.Company;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Tests.Features.Sync;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// The record browser and the call detail in Chromium, over calls the portal synced from the sandbox's NFON Call History
/// (transcripts, diversions) and CINNOX (recordings) emulators.
/// </summary>
public class CallsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var portal = fixture.Portal;
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.Connections.AnyAsync())
            {
                return; // set up by an earlier test of this class
            }
            var teams = SandboxCompany.Teams.ToDictionary(t => t.Key, t => new Team { Key = t.Key, Name = t.Name });
            foreach (var member in SandboxCompany.Extensions)
            {
                var extension = new Extension { Number = member.Number, Name = member.Name, UpdatedAtUtc = DateTime.UtcNow };
                extension.Teams.Add(teams[member.TeamKey]);
                db.Extensions.Add(extension);
            }
            db.Teams.AddRange(teams.Values);
            await db.SaveChangesAsync();
        }
        var nfon = await SyncEnvironment.AddConnectionAsync(portal, VendorKind.NfonCallHistory, portal.BaseAddress);
        var cinnox = await SyncEnvironment.AddConnectionAsync(portal, VendorKind.Cinnox, portal.BaseAddress);

        // The sync engine backfills both (the sandbox's history is fixed: no live traffic); wait until both have succeeded.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var synced = await db.Connections.CountAsync(c => (c.Id == nfon || c.Id == cinnox) && c.LastSuccessAtUtc != null);
            if (synced == 2 && await db.Calls.AnyAsync(c => c.HasTranscript && c.Direction == CallDirection.Inbound))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "The sandbox connections did not sync within 90 s.");
            await Task.Delay(250);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Supervisor_FiltersOpensACallAndReadsItsTranscript()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calls", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calls-zone")).ToHaveTextAsync("Europe/Berlin");
        var rows = page.GetByTestId("calls-grid").Locator("tr.call-row");
        await WaitForRowsAsync(page);
        await Expect(page.GetByTestId("calls-total")).ToHaveTextAsync(new Regex(@"^[\d,]+ calls?$"));
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-01-grid-light");

        // Inbound calls with a transcript: both land in the URL, and every row shows the transcript icon.
        await page.GetByTestId("filter-direction").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Inbound", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"direction=inbound"));
        await Input(page, "filter-transcript").CheckAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"direction=inbound.*transcript=yes"));
        await WaitForRowsAsync(page);
        var count = await rows.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await Expect(rows.Nth(i).GetByTestId("has-transcript")).ToBeVisibleAsync();
            await Expect(rows.Nth(i)).ToContainTextAsync("Inbound");
        }

        // Words of the transcripts: the full-text search narrows further, and the detail marks the word.
        await Input(page, "filter-text").FillAsync("router");
        await Input(page, "filter-text").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"text=router"));
        await WaitForRowsAsync(page);
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-02-filtered-light");

        // A reload keeps the view: the filters come back from the URL.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(Input(page, "filter-text")).ToHaveValueAsync("router");
        await WaitForRowsAsync(page);

        await rows.First.Locator("td").Nth(1).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/calls/\d+\?"));
        await page.WaitForInteractiveAsync();
        var segments = page.GetByTestId("transcript-segment");
        await Expect(segments.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("call-transcript").Locator("mark", new() { HasText = "router" }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("number-history-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("raw-payload")).ToHaveCountAsync(0);
        await Expect(page.GetByText("times in Europe/Berlin")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "calls-03-detail-light");

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=dark]")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-04-detail-dark");

        // Back to the list with the same filters.
        await page.GetByTestId("call-back").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/calls\?.*direction=inbound.*transcript=yes.*text=router"));
        await WaitForRowsAsync(page);
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-05-grid-dark");
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervisor_SortsPagesAndChoosesColumns()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls?range=last30days");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        var grid = page.GetByTestId("calls-grid");
        await WaitForRowsAsync(page);

        // Sort by talk time: the URL says so, and the first row has the longest talk time.
        await grid.Locator("th", new() { HasText = "Talk" }).Locator(".sortable-column-header").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=talk"));
        await grid.Locator("th", new() { HasText = "Talk" }).Locator(".sortable-column-header").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=talk&desc=yes"));
        // The rows follow once the server answers: wait until every row's talk time is at most the one above it.
        await page.WaitForFunctionAsync("""
            () => {
              const seconds = [...document.querySelectorAll('[data-testid=calls-grid] tr.call-row')]
                .map(row => row.querySelectorAll('td')[6].innerText.trim().split(':').reduce((t, p) => t * 60 + Number(p), 0));
              return seconds.length > 1 && seconds.every((s, i) => i === 0 || s <= seconds[i - 1]) && seconds[0] > seconds[seconds.length - 1];
            }
            """);

        // Column chooser: the Ring column goes away and comes back.
        await page.GetByTestId("column-chooser").ClickAsync();
        var ring = page.GetByTestId("column-ring"); // a menu item checkbox (aria-checked)
        await ring.ClickAsync();
        await Expect(ring).Not.ToBeCheckedAsync();
        await Expect(grid.Locator("th", new() { HasText = "Ring" })).ToHaveCountAsync(0);
        await ring.ClickAsync();
        await Expect(ring).ToBeCheckedAsync();
        await Expect(grid.Locator("th", new() { HasText = "Ring" })).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");

        // Pages: 25 calls a page, the next page, both in the URL; a page past the end goes back to the first.
        await grid.Locator(".mud-table-pagination-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "25", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"size=25"));
        await WaitForRowsAsync(page);
        await Expect(grid.Locator("tr.call-row")).ToHaveCountAsync(25);
        await grid.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"page=2&size=25"));
        await WaitForRowsAsync(page);
        await page.GotoAsync("/calls?range=last30days&page=999");
        await page.WaitForInteractiveAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/calls\?range=last30days$"));
        await WaitForRowsAsync(page);

        // A value the browser cannot use is named, ignored and tidied out of the address.
        await page.GotoAsync("/calls?sort=bogus&range=last30days");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("filter-error")).ToContainTextAsync("Calls cannot be sorted by \"bogus\"");
        await Expect(page).ToHaveURLAsync(new Regex(@"/calls\?range=last30days$"));
        await WaitForRowsAsync(page);
        await Expect(page.GetByTestId("filter-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervisor_UsesTheBrowserOnAPhone()
    {
        var page = await fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/calls?transcript=yes");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        var rows = page.GetByTestId("calls-grid").Locator("tr.call-row");
        await WaitForRowsAsync(page);
        await fixture.ScreenshotAsync(page, "calls-06-grid-phone");
        await page.GetByTestId("filters-toggle").ClickAsync();
        await Expect(Input(page, "filter-text")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, "calls-06b-filters-phone.png") });

        await rows.First.GetByTestId("call-row").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("transcript-segment").First).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "calls-07-detail-phone");
    }

    [Fact]
    public async Task TeamLead_SeesOnlyTheirTeamsCalls()
    {
        var support = SandboxCompany.Extensions.Where(e => e.TeamKey == "support").Select(e => e.Number).ToHashSet();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls?range=last30days&size=500");
        await page.SignInAsync("teamlead", "teamlead");
        await page.WaitForInteractiveAsync();
        await WaitForRowsAsync(page);

        var extensions = await page.GetByTestId("calls-grid").Locator("tr.call-row td:nth-child(4)").AllInnerTextsAsync();
        Assert.NotEmpty(extensions);
        Assert.All(extensions, text => Assert.Contains(text.Split('\n')[0].Trim(), support));
        await page.GetByTestId("filter-team").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveTextAsync(["Support"]);
    }

    [Fact]
    public async Task Admin_SeesTheDiversionsAndTheRawPayloadOfACall()
    {
        long id;
        await using (var db = await fixture.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            id = await db.Calls.Where(c => c.HistoryJson != null).OrderByDescending(c => c.HasTranscript).ThenByDescending(c => c.StartedAtUtc)
                .Select(c => c.Id).FirstAsync();
        }
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/calls/{id}");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("history-leg").First).ToBeVisibleAsync();
        await page.GetByText("Raw vendor payload (administrators only)").ClickAsync();
        await Expect(page.GetByTestId("raw-payload-json")).ToContainTextAsync("\"history\"");
        await Expect(page.GetByTestId("raw-payload").Locator(".mud-collapse-entered")).ToBeVisibleAsync(); // done unfolding
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-08-detail-admin-diversions");
    }

    [Fact]
    public async Task TeamLead_OpensACallWithATranscript_TheReadIsAuditedOnce()
    {
        var contexts = fixture.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        long id;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var support = SandboxCompany.Extensions.Where(e => e.TeamKey == "support").Select(e => e.Number).ToList();
            id = await db.Calls.Where(c => c.HasTranscript && c.Extension != null && support.Contains(c.Extension))
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/calls/{id}");
        await page.SignInAsync("teamlead", "teamlead");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("transcript-segment").First).ToBeVisibleAsync();

        // Prerendered and then interactive: the call (and its transcript) is read, and audited, once.
        await using var check = await contexts.CreateDbContextAsync();
        var reads = await check.AuditEntries.Where(e => e.Action == "transcript.read" && e.Target == $"call {id}").Select(e => e.UserName).ToListAsync();
        Assert.Equal(["Taylor Teamlead"], reads);
    }

    [Fact]
    public async Task Supervisor_FindsARecordedCallAndDownloadsTheRecording()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls?recording=yes&range=last30days");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        await WaitForRowsAsync(page);
        await Expect(page.GetByTestId("calls-grid").Locator("tr.call-row").First.GetByTestId("has-recording")).ToBeVisibleAsync();

        await page.GetByTestId("calls-grid").Locator("tr.call-row").First.GetByTestId("call-row").ClickAsync();
        await page.WaitForInteractiveAsync();
        var download = page.GetByTestId("recording-download").First;
        await Expect(download).ToHaveAttributeAsync("href", new Regex(@"^/calls/\d+/recordings/\d+$"));
        await page.Mouse.MoveAsync(5, 5);
        await fixture.ScreenshotAsync(page, "calls-09-detail-recording");

        // The browser's own session downloads the audio from the portal, never from the vendor.
        var file = await page.DownloadAsync(download);
        Assert.Matches(@"^call-\d+-recording-\d+\.wav$", file.SuggestedFilename);
        var path = await file.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public async Task Supervisor_ExportsTheFilteredCallsAndTheDashboardReportToExcel()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls?direction=inbound&range=last30days");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        await WaitForRowsAsync(page);
        var total = int.Parse(Regex.Match(await page.GetByTestId("calls-total").InnerTextAsync(), @"[\d,]+").Value.Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture);

        var calls = await page.DownloadAsync(page.GetByTestId("export-calls-start"));
        await fixture.ScreenshotAsync(page, "calls-10-exported");

        Assert.Matches(@"^calls-\d{8}-\d{4}\.xlsx$", calls.SuggestedFilename);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await calls.PathAsync()))))
        {
            var sheet = workbook.Worksheets.First();
            var text = string.Join('\n', sheet.Column(1).CellsUsed().Take(6).Select(c => c.GetString()));
            Assert.Contains("Europe/Berlin", text);
            Assert.Contains("nbound", text);
            var header = sheet.RowsUsed().First(r => r.Cell(1).GetString() == "Start").RowNumber();
            Assert.Equal(total, sheet.LastRowUsed()!.RowNumber() - header);
            Assert.Equal(ClosedXML.Excel.XLDataType.DateTime, sheet.Cell(header + 1, 1).DataType);
        }

        await page.GotoAsync("/dashboard?range=last30days&direction=inbound");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("kpi-total")).Not.ToHaveAttributeAsync("data-value", "0", new() { Timeout = 30_000 });
        var inbound = await page.GetByTestId("kpi-total").GetAttributeAsync("data-value");
        var report = await page.DownloadAsync(page.GetByTestId("export-dashboard-start"));
        await fixture.ScreenshotAsync(page, "dashboard-07-exported");

        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await report.PathAsync()))))
        {
            var summary = workbook.Worksheets.First();
            var totalRow = summary.RowsUsed().First(r => r.Cell(1).GetString().StartsWith("Total calls", StringComparison.Ordinal));
            Assert.Equal(inbound, totalRow.Cell(2).GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(total, (int)totalRow.Cell(2).GetDouble());
        }
    }

    /// <summary>Waits until the grid shows the rows of the view in the address bar (a filter change rebuilds the grid).</summary>
    private static async Task WaitForRowsAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
              const total = document.querySelector('[data-testid=calls-total]');
              return total !== null && total.dataset.loadedFor === location.pathname + location.search;
            }
            """);
        await Expect(page.GetByTestId("calls-grid").Locator("tr.call-row").First).ToBeVisibleAsync();
    }

    /// <summary>A MudBlazor input by the test id given to its component (MudBlazor puts it on the input element or around it).</summary>
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
