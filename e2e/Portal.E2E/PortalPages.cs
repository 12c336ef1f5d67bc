using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>One view of a portal page: its address, its h1 (null when it names the call) and what shows once its data is in.</summary>
public sealed record PortalPage(string Name, string Path, string? Heading, Func<IPage, ILocator> Loaded);

/// <summary>
/// Every page view an admin has, in one place: the Content-Security-Policy and accessibility tests visit the same pages,
/// so a new page is added here once. Both also visit the sign-in page.
/// </summary>
public static class PortalPages
{
    public static readonly string[] Themes = ["light", "dark"];

    public static IReadOnlyList<PortalPage> ForAdmin(long transcriptCall, long recordingCall, long finishedDeletionJob) =>
    [
        new("home", "/", "Welcome, Alex Admin", p => p.GetByTestId("connections")),
        new("dashboard", "/dashboard", "Dashboard", p => p.Locator("[data-testid^=chart-] .apexcharts-canvas").First),
        new("calls", "/calls", "Calls", p => p.Locator("tr.call-row").First),
        new("call-transcript", $"/calls/{transcriptCall}", null, p => p.GetByTestId("call-transcript")),
        new("call-recording", $"/calls/{recordingCall}", null, p => p.GetByTestId("recording").First),
        new("connections", "/connections", "Connections", p => p.GetByTestId("connections-table")),
        new("audit", "/audit", "Audit log", p => p.GetByText("Times in Europe/Berlin")),
        new("retention", "/retention", "Retention", p => p.GetByTestId("jobs-table")),
        new("retention-job", $"/retention/jobs/{finishedDeletionJob}", $"Deletion job {finishedDeletionJob}", p => p.GetByTestId("job-result")),
        new("delete-calls", "/retention/delete", "Delete calls", p => p.GetByText("record browser filter:")),
    ];

    /// <summary>What a signed-in user without a role sees.</summary>
    public static PortalPage NoAccess { get; } = new("no-access", "/no-access", "You have no access to this page", p => p.GetByTestId("no-access"));

    /// <summary>A full page load (the policy applies to each document), then waits until its data is in and nothing is busy.</summary>
    public static async Task OpenAsync(this IPage page, PortalPage view)
    {
        await page.GotoAsync(view.Path);
        await page.WaitForInteractiveAsync();
        var h1 = page.Locator("h1");
        await Expect(h1).ToBeVisibleAsync();
        if (view.Heading is not null)
        {
            await Expect(h1).ToHaveTextAsync(view.Heading);
        }
        await Expect(view.Loaded(page)).ToBeVisibleAsync(new() { Timeout = 30_000 }); // the dashboard's queries take a while here
        await Expect(page.Locator("[aria-busy=true]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid^=chart-][role]:not(:has(.apexcharts-canvas))")).ToHaveCountAsync(0);
        await page.Mouse.MoveAsync(1, 1); // no tooltip in the screenshots
    }

    /// <summary>Switches the signed-in user's theme with the app bar's toggle, unless it is on already (remembered per user).</summary>
    public static async Task UseThemeAsync(this IPage page, string theme)
    {
        if (await page.Locator($"[data-theme={theme}]").CountAsync() == 0)
        {
            await page.GetByTestId("dark-mode-toggle").ClickAsync();
        }
        await Expect(page.Locator($"[data-theme={theme}]")).ToBeVisibleAsync();
    }
}
