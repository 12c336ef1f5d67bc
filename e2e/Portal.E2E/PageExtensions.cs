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

    /// <summary>
    /// Clicks and waits for the download it starts. A generated workbook (the styled dashboard report) starts downloading only
    /// when it is complete, which on a busy two-core machine can take longer than Playwright's
    /// default 15 s; the tests check what is downloaded, not how fast.
    /// </summary>
    public static Task<IDownload> DownloadAsync(this IPage page, ILocator button) =>
        page.RunAndWaitForDownloadAsync(() => button.ClickAsync(), new() { Timeout = 90_000 });

    /// <summary>
    /// Collects what would show in the browser's console as a problem from now on: console errors (failed loads,
    /// refused scripts and styles), uncaught exceptions, and every Content-Security-Policy violation.
    /// </summary>
    public static async Task<List<string>> CollectProblemsAsync(this IPage page)
    {
        var problems = new List<string>();
        // Not subject to the page's policy: Playwright adds it through the DevTools protocol.
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"{page.Url}: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"{page.Url}: uncaught {error}");
            }
        };
        return problems;
    }

    /// <summary>Fails with every collected problem in words.</summary>
    public static void AssertNone(IReadOnlyCollection<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in the browser console:\n" + string.Join("\n", problems));

    /// <summary>Waits until the circuit is up: a click on the prerendered page would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
}
