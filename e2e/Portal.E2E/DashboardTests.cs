using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Sandbox.Company;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Tests;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>A portal whose first run connects every sandbox vendor, with 40 days of history to sync.</summary>
public sealed class SandboxBrowserFixture() : BrowserFixture(PortalAppFactory.With(new()
{
    ["Portal:SeedSandboxConnections"] = "true",
    ["Sandbox:Traffic:HistoryDays"] = "40",
}, services: s => s.AddFixedClock(new FixedStartClock())))
{
    /// <summary>Waits until every call-record connection has synced once and the number of stored calls has settled.</summary>
    public async Task WaitForSyncedCallsAsync()
    {
        var contexts = Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var last = -1;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var connections = await db.Connections.Where(c => c.Vendor != VendorKind.NfonCti).ToListAsync();
                var calls = await db.Calls.CountAsync();
                if (connections.Count > 0 && connections.All(c => c.LastSuccessAtUtc is not null) && calls > 0 && calls == last)
                {
                    return;
                }
                last = calls;
            }
            await Task.Delay(2_000);
        }
        throw new TimeoutException("The sandbox connections did not finish their first sync within 3 minutes.");
    }

    public async Task<int> CallCountAsync()
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Calls.CountAsync();
    }

    /// <summary>Waits until at least <paramref name="count"/> calls are stored (a poll takes up to a minute; NFON streams).</summary>
    public async Task WaitForCallCountAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await CallCountAsync() < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} calls stored after 90 s.");
            }
            await Task.Delay(500);
        }
    }
}

public class DashboardTests(SandboxBrowserFixture fixture) : IClassFixture<SandboxBrowserFixture>
{
    private static readonly string[] SupportExtensions =
        SandboxCompany.Extensions.Where(e => e.TeamKey == "support").Select(e => e.Number).ToArray();

    private static readonly string[] Charts =
    [
        "chart-volume", "chart-outcomes", "chart-missed-rate", "chart-talk-time", "chart-heatmap-calls", "chart-heatmap-missed",
        "chart-vendor-calls", "chart-vendor-answer-rate", "chart-vendor-talk-time",
    ];

    [Fact]
    public async Task Supervisor_ChangesRangeAndDirection_TilesChangeAndTheUrlKeepsTheFilters()
    {
        await fixture.WaitForSyncedCallsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dashboard-period")).ToContainTextAsync("Last 7 days");
        await Expect(page.GetByTestId("dashboard-period")).ToContainTextAsync("times in Europe/Berlin");
        await Expect(page.GetByTestId("nav-dashboard")).ToBeVisibleAsync();

        var lastWeek = await LoadedTotalAsync(page, "");
        Assert.True(lastWeek > 0);

        await ChooseAsync(page, "filter-range", "Last 30 days");
        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard\?range=last30days$"));
        var lastMonth = await LoadedTotalAsync(page, "?range=last30days");
        Assert.True(lastMonth > lastWeek, $"30 days ({lastMonth}) should hold more calls than 7 ({lastWeek})");
        await Expect(page.GetByTestId("dashboard-period")).ToContainTextAsync("Last 30 days");
        await Expect(page.Locator("tr.extension-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("table-top-numbers").Locator("tr.top-number-row").First).ToBeVisibleAsync();
        foreach (var chart in Charts)
        {
            await Expect(page.GetByTestId(chart).Locator(".apexcharts-canvas")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(1, 1);
        await fixture.ScreenshotAsync(page, "dashboard-01-light");
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=dark]")).ToBeVisibleAsync();
        await page.Mouse.MoveAsync(1, 1);
        await fixture.ScreenshotAsync(page, "dashboard-02-dark");
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("[data-theme=light]")).ToBeVisibleAsync();

        await ChooseAsync(page, "filter-direction", "Inbound");
        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard\?range=last30days&direction=inbound$"));
        var inbound = await LoadedTotalAsync(page, "?range=last30days&direction=inbound");
        Assert.True(inbound > 0 && inbound < lastMonth, $"inbound ({inbound}) should be part of all calls ({lastMonth})");
        await Expect(page.GetByTestId("kpi-inbound")).ToHaveAttributeAsync("data-value", inbound.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("kpi-outbound")).ToHaveAttributeAsync("data-value", "0");
        // The extension links carry the dashboard's filters into the record browser.
        var link = page.Locator("tr.extension-row a").First;
        await Expect(link).ToHaveAttributeAsync("href", new Regex(@"^/calls\?range=last30days&direction=inbound&extension=\d+$"));

        // A bookmark or a reload shows the same view.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("filter-range")).ToHaveValueAsync("Last 30 days");
        await Expect(page.GetByTestId("filter-direction")).ToHaveValueAsync("Inbound");
        Assert.Equal(inbound, await LoadedTotalAsync(page, "?range=last30days&direction=inbound"));
        await page.Mouse.MoveAsync(1, 1);
        await fixture.ScreenshotAsync(page, "dashboard-03-inbound-reloaded");

        // Clearing the filters keeps the range.
        await page.GetByTestId("filter-clear").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard\?range=last30days$"));
        Assert.Equal(lastMonth, await LoadedTotalAsync(page, "?range=last30days"));

        // The call-back window of the unreturned calls is in the URL too.
        var unreturned = await page.Locator("tr.unreturned-row").CountAsync();
        await page.GetByTestId("filter-window").FillAsync("720");
        await page.GetByTestId("filter-window").PressAsync("Tab");
        await Expect(page).ToHaveURLAsync(new Regex(@"/dashboard\?range=last30days&window=720$"));
        Assert.Equal(lastMonth, await LoadedTotalAsync(page, "?range=last30days&window=720"));
        await Expect(page.GetByTestId("card-unreturned")).ToContainTextAsync("within 720 h");
        Assert.True(await page.Locator("tr.unreturned-row").CountAsync() <= unreturned);
    }

    [Fact]
    public async Task Supervisor_Refresh_ShowsNewlySyncedCallsWithoutReloading()
    {
        await fixture.WaitForSyncedCallsAsync();
        // A custom range from yesterday to tomorrow (the browser's zone): the new call lies inside it at any hour.
        var clock = fixture.Portal.Services.GetRequiredService<TimeProvider>();
        var berlinToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        var query = $"?from={berlinToday.AddDays(-1):yyyy-MM-dd}&to={berlinToday.AddDays(1):yyyy-MM-dd}";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard" + query);
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        var before = await LoadedTotalAsync(page, query);
        var updatedAt = await page.GetByTestId("updated-at").GetAttributeAsync("data-updated-at");

        // A new call at NFON, a few minutes old: the live stream brings it in.
        var log = fixture.Portal.Services.GetRequiredService<SandboxTraffic>().Log(VendorKind.NfonCallHistory);
        var template = log.Current()[^1].Call;
        var now = clock.GetUtcNow().UtcDateTime;
        log.Publish([template with { Id = Guid.NewGuid().ToString(), Number = template.Number + 50_000_000, StartedAtUtc = now.AddMinutes(-3) }], now);
        await fixture.WaitForCallCountAsync(await fixture.CallCountAsync() + 1);

        await page.GetByTestId("refresh").ClickAsync();
        await Expect(page.GetByTestId("kpi-total")).ToHaveAttributeAsync("data-value", (before + 1).ToString(CultureInfo.InvariantCulture));
        // The label shows hh:mm:ss, which may not change within a second; its attribute holds the full load time.
        await Expect(page.GetByTestId("updated-at")).Not.ToHaveAttributeAsync("data-updated-at", updatedAt!);
        Assert.Equal("/dashboard" + query, new Uri(page.Url).PathAndQuery);
    }

    [Fact]
    public async Task Supervisor_OnAPhone_TilesStack()
    {
        await fixture.WaitForSyncedCallsAsync();
        var page = await fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/dashboard?range=last30days");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();
        await LoadedTotalAsync(page, "?range=last30days");

        var total = await page.GetByTestId("kpi-total").BoundingBoxAsync();
        var inbound = await page.GetByTestId("kpi-inbound").BoundingBoxAsync();
        Assert.True(inbound!.Y > total!.Y, "the second tile sits below the first");
        Assert.True(total.X + total.Width <= 390, "the tile fits the screen");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await fixture.ScreenshotAsync(page, "dashboard-04-phone");
    }

    [Fact]
    public async Task TeamLead_SeesOnlyTheirTeamsExtensions()
    {
        await fixture.WaitForSyncedCallsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard?range=last30days");
        await page.SignInAsync("teamlead", "teamlead");
        await page.WaitForInteractiveAsync();
        Assert.True(await LoadedTotalAsync(page, "?range=last30days") > 0);

        var rows = page.Locator("tr.extension-row [data-testid=extension]");
        await Expect(rows.First).ToBeVisibleAsync();
        var shown = new List<string>();
        foreach (var cell in await rows.AllAsync())
        {
            shown.Add(await cell.GetAttributeAsync("data-extension") ?? "");
        }
        Assert.NotEmpty(shown);
        Assert.All(shown, extension => Assert.Contains(extension, SupportExtensions));

        await page.GetByTestId("filter-team").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveTextAsync(["Support"]);
        await page.Keyboard.PressAsync("Escape");
        await page.Mouse.MoveAsync(1, 1);
        await fixture.ScreenshotAsync(page, "dashboard-05-teamlead");
    }

    [Fact]
    public async Task Supervisor_RangeWithoutCallsAndABadParameter_EmptyStateAndWarning()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard?from=2020-01-06&to=2020-01-12&direction=sideways");
        await page.SignInAsync("supervisor", "supervisor");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("dashboard-empty")).ToContainTextAsync("No calls in this range");
        await Expect(page.GetByTestId("filter-errors")).ToContainTextAsync("Unknown direction \"sideways\"");
        await Expect(page.GetByTestId("dashboard-period")).ToContainTextAsync("Custom range · 6–12 Jan 2020 · times in Europe/Berlin");
        await Expect(page.GetByTestId("filter-dates").First).ToHaveValueAsync("2020-01-06");
        await Expect(page.GetByTestId("filter-dates").Last).ToHaveValueAsync("2020-01-12");
        await page.Mouse.MoveAsync(1, 1);
        await fixture.ScreenshotAsync(page, "dashboard-06-empty");
    }

    [Fact]
    public async Task Guest_OpensDashboard_IsRefused()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await page.SignInAsync("guest", "guest");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("no-access")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dashboard")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("nav-dashboard")).ToHaveCountAsync(0);
    }

    /// <summary>The total calls the tiles show once the data for the given query is on screen.</summary>
    private static async Task<int> LoadedTotalAsync(IPage page, string query)
    {
        var dashboard = page.GetByTestId("dashboard");
        await Expect(dashboard).ToHaveAttributeAsync("data-query", query, new() { Timeout = 60_000 });
        await Expect(dashboard).ToHaveAttributeAsync("data-loading", "false", new() { Timeout = 60_000 });
        var value = await page.GetByTestId("kpi-total").GetAttributeAsync("data-value");
        return int.Parse(value!, CultureInfo.InvariantCulture);
    }

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
