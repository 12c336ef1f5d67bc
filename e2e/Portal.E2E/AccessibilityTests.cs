using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// No serious or critical axe-core violation of WCAG 2.1 A/AA on any page (<see cref="PortalPages"/>), light and dark, nor in
/// the menus, which open from the keyboard.
/// </summary>
public class AccessibilityTests(SeededBrowserFixture fixture) : IClassFixture<SeededBrowserFixture>
{
    [Fact]
    public async Task Admin_EveryPageInLightAndDark_HasNoSeriousViolations()
    {
        var (transcriptCall, recordingCall) = await fixture.WaitForCallsAsync();
        var deletionJob = await fixture.FinishedDeletionJobAsync();
        var page = await fixture.NewPageAsync();
        var findings = new AxeFindings();

        await page.GotoAsync("/");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        try
        {
            foreach (var theme in PortalPages.Themes)
            {
                await page.UseThemeAsync(theme);
                foreach (var view in PortalPages.ForAdmin(transcriptCall, recordingCall, deletionJob))
                {
                    await page.OpenAsync(view);
                    await findings.CheckAsync(page, $"{view.Name} ({theme})");
                    if (view.Name == "calls")
                    {
                        await CheckMenuAsync(page, findings, "Choose columns", "column-chooser-list", $"columns-menu-{theme}");
                        await CheckMenuAsync(page, findings, "Alex Admin", "user-role", $"user-menu-{theme}");
                    }
                }
            }
        }
        finally
        {
            await page.UseThemeAsync("light"); // remembered for the user
        }

        findings.AssertNone();
    }

    [Fact]
    public async Task Anonymous_SignInPage_HasNoSeriousViolations()
    {
        var page = await fixture.NewPageAsync();
        var findings = new AxeFindings();

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Portal development sign-in");
        await findings.CheckAsync(page, "sign-in");

        findings.AssertNone();
    }

    [Fact]
    public async Task Guest_NoAccessPageInLightAndDark_HasNoSeriousViolations()
    {
        var page = await fixture.NewPageAsync();
        var findings = new AxeFindings();

        await page.GotoAsync("/no-access");
        await page.SignInAsync("guest", "guest");
        await page.WaitForInteractiveAsync();
        try
        {
            foreach (var theme in PortalPages.Themes)
            {
                await page.UseThemeAsync(theme);
                await page.OpenAsync(PortalPages.NoAccess);
                await findings.CheckAsync(page, $"no-access ({theme})");
            }
        }
        finally
        {
            await page.UseThemeAsync("light");
        }

        findings.AssertNone();
    }

    /// <summary>
    /// Opens a menu from the keyboard (its activator found by role and name), checks the open menu (the page itself is
    /// checked already) and closes it with Escape.
    /// </summary>
    private async Task CheckMenuAsync(IPage page, AxeFindings findings, string activatorName, string content, string view)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = activatorName, Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId(content)).ToBeVisibleAsync();
        await findings.CheckAsync(page.Locator(".mud-popover-open"), view);
        await fixture.ScreenshotAsync(page, "a11y-" + view);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId(content)).ToBeHiddenAsync();
    }
}
