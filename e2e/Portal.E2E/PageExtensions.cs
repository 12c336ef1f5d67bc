using Microsoft.Playwright;

namespace Portal.E2E;

public static class PageExtensions
{
    /// <summary>Signs in on the development provider's form (the page must show it).</summary>
    public static async Task SignInAsync(this IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Waits until the circuit is up: a click on the prerendered page would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
}
