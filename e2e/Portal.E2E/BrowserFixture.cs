using Microsoft.Playwright;
using Portal.Web.Tests;

namespace Portal.E2E;

/// <summary>
/// One running portal and one headless Debian Chromium for a test class. A portal whose sandbox traffic the tests read runs
/// on a <see cref="FixedStartClock"/> (<see cref="FixedClockServices.AddFixedClock"/>): the history, "today" and every
/// relative range are then the same on every run, and no run crosses midnight; a test takes "now" from the portal's
/// <see cref="TimeProvider"/>. Sign-in keeps the real clock the browser has (<see cref="FixedClockServices"/>).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(PortalAppFactory.With([], services: s => s.AddFixedClock(new FixedStartClock())))
    {
    }

    /// <summary>A fixture around a portal with other settings (<see cref="PortalAppFactory.With"/>).</summary>
    protected BrowserFixture(PortalAppFactory portal) => Portal = portal;

    public PortalAppFactory Portal { get; }
    public IBrowser Browser { get; private set; } = default!;
    public string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (scripts/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 800 },
            TimezoneId = "Europe/Berlin",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Portal.Dispose();
    }

    /// <summary>artifacts/screenshots at the top of the repository (kept out of git).</summary>
    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
