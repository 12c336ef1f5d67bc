using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Features.Connections;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

public class ConnectionActionsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Name = "Unpod sandbox";

    [Fact]
    public async Task Admin_TestsPausesResumesResyncsAndRemovesAConnection()
    {
        await fixture.Portal.Services.GetRequiredService<ConnectionService>().AddAsync(
            new PortalUser("dev-admin", "Alex Admin", [PortalRoles.Admin], []),
            new ConnectionDraft
            {
                Vendor = VendorKind.Unpod,
                Name = Name,
                BaseUrl = new Uri(fixture.Portal.BaseAddress, UnpodSandbox.BasePath).ToString(),
                Secrets = { [VendorSecrets.Token] = UnpodSandbox.Token, [VendorSecrets.OrgHandle] = UnpodSandbox.OrgHandle },
            });
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/connections");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        var row = page.GetByTestId("connections-table").Locator("tr", new() { HasText = Name });
        var snackbar = page.Locator(".mud-snackbar");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Test {Name}" }).ClickAsync();
        await Expect(snackbar).ToContainTextAsync($"{Name}: the connection works.");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Pause {Name}" }).ClickAsync();
        await Expect(row.GetByTestId("connection-state")).ToHaveTextAsync("Paused");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Resume {Name}" }).ClickAsync();
        await Expect(row.GetByTestId("connection-state")).Not.ToHaveTextAsync("Paused");
        // The 2-second status refresh can show the new state before the action has ended: wait until the row is idle.
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Pause {Name}" })).ToBeEnabledAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"Re-sync from date {Name}" }).ClickAsync();
        var resync = page.GetByRole(AriaRole.Dialog);
        await resync.GetByLabel("Re-sync from").FillAsync("2026-01-05");
        await resync.GetByLabel("Re-sync from").PressAsync("Tab");
        await Expect(page.Locator(".mud-picker-popover-paper.mud-popover-open")).ToHaveCountAsync(0);
        await fixture.ScreenshotAsync(page, "connections-06-resync-dialog");
        await resync.GetByTestId("resync-confirm").ClickAsync();
        await Expect(snackbar.Last).ToContainTextAsync($"{Name}: re-syncing from 2026-01-05 00:00.");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove {Name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("This cannot be undone.");
        await fixture.ScreenshotAsync(page, "connections-07-remove-confirm");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        // Its synced calls leave through a deletion job; the list shows the connection gone once the job has removed it.
        await Expect(snackbar.Last).ToContainTextAsync(new Regex($"{Name}: deletion job \\d+ deletes its calls, then removes it\\.|{Name} removed\\."));
        await Expect(page.GetByTestId("connections-empty")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
