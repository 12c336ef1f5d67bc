using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Features.Retention;
using Portal.Web.Tests.Features.Sync;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// The bulk-delete wizard in Chromium over calls the portal synced from three sandbox vendors: an administrator erases one
/// number (preview count, the list downloaded, typed confirmation, the job's progress and certificate) and the record browser no
/// longer finds it. Every step is shot in light and dark and checked with axe-core (no serious or critical WCAG 2.1 AA violation).
/// </summary>
public class DeleteCallsWizardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly AxeFindings _findings = new();

    [Fact]
    public async Task Admin_ErasesANumberThroughTheWizard_AndTheRecordBrowserNoLongerFindsIt()
    {
        var contexts = await SyncedAsync();

        // The number with calls on most connections (then the most calls), and what the wizard must find for it.
        string number;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var numbers = await db.Calls.Where(c => c.ExternalNumber != null && c.ExternalNumber.StartsWith("+"))
                .GroupBy(c => c.ExternalNumber!)
                .Select(g => new { Number = g.Key, Connections = g.Select(c => c.ConnectionId).Distinct().Count(), Calls = g.Count() })
                .ToListAsync();
            number = numbers.OrderByDescending(n => n.Connections).ThenByDescending(n => n.Calls).ThenBy(n => n.Number, StringComparer.Ordinal).First().Number;
        }
        var typed = number[..3] + " " + number[3..]; // "+49 301234567": as a person might write it
        int expected;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var target = await ErasureTarget.ResolveAsync(db, typed, null, null, CancellationToken.None);
            expected = await target.CallIds(db).CountAsync();
        }
        Assert.True(expected > 0);

        var page = await fixture.NewPageAsync();
        var problems = await page.CollectProblemsAsync();
        await page.GotoAsync("/retention/delete");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Delete calls");
        await Expect(page.GetByTestId("delete-filter-words")).ToContainTextAsync("record browser filter");
        await ShootBothThemesAsync(page, "wizard-01-what-filter");
        await page.GetByText("All calls of one connection before a day").ClickAsync();
        await Expect(page.GetByLabel("Calls that started before")).ToBeVisibleAsync();
        await ShootBothThemesAsync(page, "wizard-01b-what-connection");

        // What: an erasure request; an entry that is no number is named at once.
        await page.GetByText("An erasure request: phone numbers").ClickAsync();
        var numbersField = page.GetByLabel("Phone numbers", new() { Exact = true });
        await numbersField.FillAsync(typed + "\nnot a number");
        await numbersField.BlurAsync();
        await Expect(page.GetByTestId("delete-unparseable")).ToContainTextAsync("not a number");
        await ShootBothThemesAsync(page, "wizard-02-what-erasure-unparseable");
        await numbersField.FillAsync(typed);
        await numbersField.BlurAsync();
        await Expect(page.GetByTestId("delete-unparseable")).ToHaveCountAsync(0);
        await ShootBothThemesAsync(page, "wizard-03-what-erasure");

        // Preview: the exact count, and the list of exactly those calls.
        await page.GetByTestId("delete-preview").ClickAsync();
        var count = page.GetByTestId("delete-preview-count");
        await Expect(count).ToHaveAttributeAsync("data-value", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("delete-call-row")).ToHaveCountAsync(Math.Min(expected, DeletionPreview.FirstCallsShown));
        await ShootBothThemesAsync(page, "wizard-04-preview");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("delete-list-start").ClickAsync());
        Assert.Matches(@"^calls-to-delete-\d{8}-\d{4}\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var workbook = new XLWorkbook(path);
            var sheet = workbook.Worksheet("Calls");
            var header = sheet.Column(1).CellsUsed().First(c => c.GetString() == "Start").Address.RowNumber;
            var rows = sheet.LastRowUsed()!.RowNumber() - header;
            Assert.Equal(expected, rows);
            Assert.Contains(sheet.Column(1).CellsUsed(), c => c.GetString() == "Times in Europe/Berlin");
        }
        finally
        {
            File.Delete(path);
        }
        // The "saved" note (the shared export button's snackbar) is closed, so it covers nothing in the next screenshots.
        await page.Locator(".mud-snackbar").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        // Confirm: reason and the typed count; a wrong count is refused first.
        await page.GetByTestId("delete-continue").ClickAsync();
        await page.GetByLabel("Reason or ticket reference (required)").FillAsync("GDPR-2026-117 (request by e-mail)");
        await page.GetByLabel("Requested by (optional)").FillAsync("the data subject, by e-mail");
        var typedCount = page.GetByLabel("Number of calls");
        await typedCount.FillAsync((expected + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("delete-submit").ClickAsync();
        await Expect(page.GetByTestId("delete-error")).ToContainTextAsync("type that number to confirm");
        await typedCount.FillAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("delete-error").GetByRole(AriaRole.Button).ClickAsync();
        await ShootBothThemesAsync(page, "wizard-05-confirm");
        await page.GetByTestId("delete-submit").ClickAsync();

        // The job's page: progress, then the certificate.
        await Expect(page).ToHaveURLAsync(new Regex(@"/retention/jobs/\d+$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("delete-job-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("job-certificate")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("delete-job-progress")).ToHaveAttributeAsync("data-processed", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("job-requested-by")).ToHaveTextAsync("the data subject, by e-mail");
        await Expect(page.GetByTestId("job-confirmed-by")).ToHaveTextAsync("Alex Admin");
        await ShootBothThemesAsync(page, "wizard-06-job-completed");
        var certificate = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("job-certificate").ClickAsync());
        Assert.Matches(@"^deletion-certificate-\d+\.txt$", certificate.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await certificate.PathAsync());
        Assert.Contains("GDPR-2026-117", text);
        Assert.Contains("the data subject, by e-mail", text);
        Assert.DoesNotContain(number, text);

        // The record browser finds none of the number's calls any more.
        await page.GotoAsync($"/calls?range=last30days&q={Uri.EscapeDataString(number)}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("calls-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("calls-total")).ToHaveTextAsync("0 calls");
        await ShootBothThemesAsync(page, "wizard-07-calls-after");
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var target = await ErasureTarget.ResolveAsync(db, typed, null, null, CancellationToken.None);
            Assert.Equal(0, await target.CallIds(db).CountAsync());
        }
        PageExtensions.AssertNone(problems);
        _findings.AssertNone();
    }

    [Fact]
    public async Task RecordBrowser_DeleteTheseCalls_OpensTheWizardWithItsFilter_AndIsHiddenFromSupervisors()
    {
        await SyncedAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/calls?range=last30days&direction=inbound");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("delete-these-calls").ClickAsync(new() { Timeout = 60_000 });
        await Expect(page).ToHaveURLAsync(new Regex(@"/retention/delete\?.*direction=inbound"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("delete-filter-words")).ToContainTextAsync("direction: inbound");

        var supervisor = await fixture.NewPageAsync();
        await supervisor.GotoAsync("/calls?range=last30days");
        await supervisor.SignInAsync("supervisor", "supervisor");
        await supervisor.WaitForInteractiveAsync();
        await Expect(supervisor.GetByTestId("calls-total")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("delete-these-calls")).ToHaveCountAsync(0);
        await supervisor.GotoAsync("/retention/delete");
        await Expect(supervisor.GetByTestId("no-access")).ToBeVisibleAsync();
    }

    /// <summary>Connects three sandbox vendors (once per fixture) and waits until each has synced.</summary>
    private async Task<IDbContextFactory<PortalDbContext>> SyncedAsync()
    {
        var portal = fixture.Portal;
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        List<int> connections;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            connections = await db.Connections.Select(c => c.Id).ToListAsync();
        }
        if (connections.Count == 0)
        {
            foreach (var vendor in new[] { VendorKind.NfonCallHistory, VendorKind.Cinnox, VendorKind.WebFones })
            {
                connections.Add(await SyncEnvironment.AddConnectionAsync(portal, vendor, portal.BaseAddress));
            }
        }
        await WaitForSyncAsync(contexts, connections);
        return contexts;
    }

    private static async Task WaitForSyncAsync(IDbContextFactory<PortalDbContext> contexts, IReadOnlyCollection<int> connections)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                if (await db.Connections.CountAsync(c => connections.Contains(c.Id) && c.LastSuccessAtUtc != null) == connections.Count)
                {
                    return;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The sandbox connections did not sync within 120 s.");
            await Task.Delay(250);
        }
    }

    private async Task ShootBothThemesAsync(IPage page, string name)
    {
        await page.Mouse.MoveAsync(1, 1); // no tooltip in the screenshots
        foreach (var theme in PortalPages.Themes)
        {
            await page.UseThemeAsync(theme);
            await page.Mouse.MoveAsync(1, 1);
            await fixture.ScreenshotAsync(page, $"{name}-{theme}");
            await _findings.CheckAsync(page, $"{name} ({theme})");
        }
        await page.UseThemeAsync("light");
    }
}
