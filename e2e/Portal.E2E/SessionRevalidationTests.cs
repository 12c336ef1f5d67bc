using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>A portal whose open pages check their session every two seconds.</summary>
public sealed class RevalidatingBrowserFixture() : BrowserFixture(PortalAppFactory.With(new() { ["Authentication:RevalidationInterval"] = "00:00:02" }));

public class SessionRevalidationTests(RevalidatingBrowserFixture fixture) : IClassFixture<RevalidatingBrowserFixture>
{
    [Fact]
    public async Task Admin_SignsOutInAnotherTab_TheOpenPageLosesAccess()
    {
        var open = await fixture.NewPageAsync();
        await open.GotoAsync("/audit");
        await open.SignInAsync("admin", "admin");
        await open.WaitForInteractiveAsync();
        await Expect(open.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();

        // A second tab of the same browser signs out (the first tab's circuit never sees that request).
        var other = await open.Context.NewPageAsync();
        await other.GotoAsync("/");
        await other.WaitForInteractiveAsync();
        await other.GetByTestId("user-menu").ClickAsync();
        await other.GetByTestId("logout").ClickAsync();
        // Not WaitForURL: this tab's own circuit may see the ended session first and start a second navigation to the
        // sign-in, so the load event of the first one never comes; the sign-in form shows either way.
        await Expect(other.GetByLabel("Username")).ToBeVisibleAsync();

        // Within a revalidation interval the open page is anonymous and goes to the sign-in (the provider's session is gone too).
        await Expect(open.GetByLabel("Username")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(open).ToHaveURLAsync(new Regex("/dev-oidc/login"));
        await Expect(open.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(open, "session-01-signed-out-elsewhere");
    }
}
