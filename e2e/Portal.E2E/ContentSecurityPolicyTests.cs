using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Web.Data;
using Portal.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>A portal whose first run connects every sandbox vendor (a week of history), so every page has data.</summary>
public sealed class SeededBrowserFixture() : BrowserFixture(PortalAppFactory.With(new() { ["Portal:SeedSandboxConnections"] = "true" }, services: s => s.AddFixedClock(new FixedStartClock())))
{
    /// <summary>A call with a transcript and one with a recording, once the first sync has stored them.</summary>
    public async Task<(long Transcript, long Recording)> WaitForCallsAsync()
    {
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var transcript = await db.Calls.Where(c => c.HasTranscript).Select(c => (long?)c.Id).FirstOrDefaultAsync();
                var recording = await db.Recordings.Select(r => (long?)r.CallId).FirstOrDefaultAsync();
                if (transcript is { } t && recording is { } r)
                {
                    return (t, r);
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "The sandbox connections stored no call with a transcript and one with a recording within 2 minutes.");
            await Task.Delay(500);
        }
    }
}

/// <summary>Every page works under the Content-Security-Policy: nothing refused, no console error, light and dark.</summary>
public class ContentSecurityPolicyTests(SeededBrowserFixture fixture) : IClassFixture<SeededBrowserFixture>
{
    [Fact]
    public async Task Admin_EveryPageInLightAndDark_LoadsWithoutConsoleErrorsOrPolicyViolations()
    {
        var (transcriptCall, recordingCall) = await fixture.WaitForCallsAsync();
        var page = await fixture.NewPageAsync();
        var problems = await page.CollectProblemsAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Portal development sign-in");
        await fixture.ScreenshotAsync(page, "csp-login");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GetByTestId("dark-mode-toggle").ClickAsync();
            }
            await Expect(page.Locator($"[data-theme={theme}]")).ToBeVisibleAsync();

            await OpenAsync(page, "/", "Welcome, Alex Admin", page.GetByTestId("connections"));
            await fixture.ScreenshotAsync(page, $"csp-home-{theme}");
            await OpenAsync(page, "/dashboard", "Dashboard", page.Locator(".apexcharts-canvas").First);
            await Expect(page.Locator("[data-testid^=chart-] .apexcharts-canvas")).Not.ToHaveCountAsync(0);
            await fixture.ScreenshotAsync(page, $"csp-dashboard-{theme}");
            await OpenAsync(page, "/calls", "Calls", page.Locator("tr.call-row").First);
            await fixture.ScreenshotAsync(page, $"csp-calls-{theme}");
            await OpenAsync(page, $"/calls/{transcriptCall}", null, page.GetByTestId("call-transcript"));
            await fixture.ScreenshotAsync(page, $"csp-call-transcript-{theme}");
            await OpenAsync(page, $"/calls/{recordingCall}", null, page.GetByTestId("recording").First);
            await fixture.ScreenshotAsync(page, $"csp-call-recording-{theme}");
            await OpenAsync(page, "/connections", "Connections", page.GetByTestId("connections-table"));
            await fixture.ScreenshotAsync(page, $"csp-connections-{theme}");
            await OpenAsync(page, "/audit", "Audit log", page.GetByText("Times in Europe/Berlin"));
            await fixture.ScreenshotAsync(page, $"csp-audit-{theme}");
        }

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
        PageExtensions.AssertNone(problems);
    }

    [Fact]
    public async Task Guest_NoAccessPageInLightAndDark_LoadsWithoutConsoleErrorsOrPolicyViolations()
    {
        var page = await fixture.NewPageAsync();
        var problems = await page.CollectProblemsAsync();

        await page.GotoAsync("/no-access");
        await page.SignInAsync("guest", "guest");
        await page.WaitForInteractiveAsync();
        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GetByTestId("dark-mode-toggle").ClickAsync();
                await page.ReloadAsync();
                await page.WaitForInteractiveAsync();
            }
            await Expect(page.Locator($"[data-theme={theme}]")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("no-access")).ToContainTextAsync("neither the Admin nor the Supervisor role");
            await fixture.ScreenshotAsync(page, $"csp-no-access-{theme}");
        }

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
        PageExtensions.AssertNone(problems);
    }

    /// <summary>A full page load (the policy applies to each document), then waits for the page's data.</summary>
    private static async Task OpenAsync(IPage page, string path, string? heading, ILocator loaded)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        var h1 = page.Locator("h1");
        await Expect(h1).ToBeVisibleAsync();
        if (heading is not null)
        {
            await Expect(h1).ToHaveTextAsync(heading);
        }
        await Expect(loaded).ToBeVisibleAsync(new() { Timeout = 30_000 }); // the dashboard's queries take a while here
        await page.Mouse.MoveAsync(1, 1); // no tooltip in the screenshots
    }
}
