using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

public class ConnectionsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Name = "WebFones New York";

    [Fact]
    public async Task Admin_AddsWebFonesConnectionAndSeesItsRecordsArrive()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/connections");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connections", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("connections-empty")).ToBeVisibleAsync();
        await Expect(page.GetByText("Times in Europe/Berlin")).ToBeVisibleAsync();

        await page.GetByTestId("add-connection").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Vendor").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "WebFones" }).ClickAsync();
        // The sandbox runs in the portal: its own address is suggested.
        await Expect(dialog.GetByLabel("Base URL")).ToHaveValueAsync(new Uri(fixture.Portal.BaseAddress, "/webfones").ToString());
        await dialog.GetByLabel("Name").FillAsync(Name);
        await dialog.GetByLabel("Phone region").FillAsync("US");
        await dialog.GetByLabel("Time zone").FillAsync("America/New_York");
        await dialog.GetByLabel("API key").FillAsync("sandbox-webfones-key");
        await dialog.GetByLabel("API key").PressAsync("Tab");

        await dialog.GetByTestId("test-connection").ClickAsync();
        await Expect(dialog.GetByTestId("test-result")).ToContainTextAsync("The connection works");
        await dialog.GetByTestId("test-result").ScrollIntoViewIfNeededAsync();
        await fixture.ScreenshotAsync(page, "connections-01-add-dialog");

        await dialog.GetByTestId("save-connection").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = page.GetByTestId("connections-table").Locator("tr", new() { HasText = Name });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("connection-state")).ToBeVisibleAsync();
        await page.Locator(".mud-snackbar").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        // Editing: the secret is never shown again, only that it is stored.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit {Name}" }).ClickAsync();
        await Expect(dialog.GetByText("Stored — leave empty to keep")).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("API key")).ToHaveValueAsync("");
        await fixture.ScreenshotAsync(page, "connections-02-edit-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.Mouse.MoveAsync(600, 600); // no tooltip in the screenshots
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(page, "connections-03-page-light");

        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=dark]")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(600, 600);
        await fixture.ScreenshotAsync(page, "connections-04-page-dark");
        await page.GetByTestId("dark-mode-toggle").ClickAsync();

        // The sync engine picks the new connection up; the page refreshes itself every 2 s.
        await Expect(row.GetByTestId("records-stored")).Not.ToHaveTextAsync("0", new() { Timeout = 60_000 });
        await page.Mouse.MoveAsync(600, 600);
        await fixture.ScreenshotAsync(page, "connections-05-records-arrived");
    }
}
