using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

public class ShellTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Supervisor_SignsInTogglesDarkModeAndSignsOut()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Portal development sign-in");
        await fixture.ScreenshotAsync(page, "01-login");

        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Sam Supervisor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Sam Supervisor" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-audit")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "02-home-light");

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=dark]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "03-home-dark");

        // Remembered for the user: still dark after a reload.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-theme=dark]")).ToBeVisibleAsync();
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();

        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("Supervisor");
        await fixture.ScreenshotAsync(page, "04-user-menu");
        await page.GetByTestId("logout").ClickAsync();

        // Signed out of the portal and of the provider: the provider asks for credentials again.
        await page.WaitForURLAsync(new Regex("/dev-oidc/login"));
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "05-signed-out");
    }

    [Fact]
    public async Task Admin_SeesAuditLogOnAPhone()
    {
        var page = await fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });

        await page.GotoAsync("/audit");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nothing audited yet")).ToBeVisibleAsync();
        await Expect(page.GetByText("Times in Europe/Berlin")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "06-audit-phone");
    }

    [Fact]
    public async Task Guest_SeesNoAccessPage()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.SignInAsync("guest", "guest");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("no-access")).ToContainTextAsync("neither the Admin nor the Supervisor role");
        await fixture.ScreenshotAsync(page, "07-no-access");
    }
}
