using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>Every page works under the Content-Security-Policy: nothing refused, no console error, light and dark.</summary>
public class ContentSecurityPolicyTests(SeededBrowserFixture fixture) : IClassFixture<SeededBrowserFixture>
{
    [Fact]
    public async Task Admin_EveryPageInLightAndDark_LoadsWithoutConsoleErrorsOrPolicyViolations()
    {
        var (transcriptCall, recordingCall) = await fixture.WaitForCallsAsync();
        var deletionJob = await fixture.FinishedDeletionJobAsync();
        var page = await fixture.NewPageAsync();
        var problems = await page.CollectProblemsAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Portal development sign-in");
        await fixture.ScreenshotAsync(page, "csp-login");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();

        foreach (var theme in PortalPages.Themes)
        {
            await page.UseThemeAsync(theme);
            foreach (var view in PortalPages.ForAdmin(transcriptCall, recordingCall, deletionJob))
            {
                await page.OpenAsync(view);
                await fixture.ScreenshotAsync(page, $"csp-{view.Name}-{theme}");
            }
        }

        await page.UseThemeAsync("light");
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
        foreach (var theme in PortalPages.Themes)
        {
            await page.UseThemeAsync(theme);
            await page.OpenAsync(PortalPages.NoAccess); // a full load in the theme just chosen
            await Expect(page.GetByTestId("no-access")).ToContainTextAsync("neither the Admin nor the Supervisor role");
            await fixture.ScreenshotAsync(page, $"csp-no-access-{theme}");
        }

        await page.UseThemeAsync("light");
        PageExtensions.AssertNone(problems);
    }
}
