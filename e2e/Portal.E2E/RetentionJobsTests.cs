using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Auth;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Features.Retention.Policies;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// The retention pages in Chromium: the Jobs tab lists every job with its state and progress, a running job's page follows its
/// batches live (counts, calls per second, time left) and pauses it, a finished job's page shows its result and links its
/// certificate with the viewer's zone. Screenshots in light and dark, each view also checked by axe-core (a running job's page
/// and a failed one are not in <see cref="PortalPages"/>).
/// </summary>
public class RetentionJobsTests(RetentionJobsFixture fixture) : IClassFixture<RetentionJobsFixture>
{
    private readonly AxeFindings _findings = new();

    [Fact]
    public async Task Admin_JobsTabAndJobPages_FollowARunningJobAndOfferTheCertificate()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/retention");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();
        var running = fixture.JobIds[DeletionJobState.Running];
        var completed = fixture.JobIds[DeletionJobState.Completed];

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retention", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("job-row")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("job-row").First).ToHaveAttributeAsync("data-job-id", running.ToString()); // newest first
        await Expect(page.GetByText("Times in Europe/Berlin")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-bulk-delete")).ToHaveAttributeAsync("href", "/retention/delete");
        await Expect(page.GetByTestId("nav-retention")).ToBeVisibleAsync();
        await fixture.AdvanceRunningJobAsync(500);
        await Expect(page.GetByTestId($"job-progress-{running}")).ToHaveAttributeAsync("data-processed", "2500");
        await ShootBothThemesAsync(page, "retention-jobs");

        await page.GetByTestId("job-link").First.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{fixture.Portal.BaseAddress}retention/jobs/{running}");
        var progress = page.GetByTestId("delete-job-progress");
        await Expect(progress).ToHaveAttributeAsync("data-selected", RetentionJobsFixture.Selected.ToString());
        for (var i = 0; i < 6; i++)
        {
            await fixture.AdvanceRunningJobAsync(600); // a batch of the runner
            await page.WaitForTimeoutAsync(400);
        }
        await Expect(progress).ToHaveAttributeAsync("data-processed", "6100");
        await Expect(page.GetByTestId("delete-job-progress-rate")).ToContainTextAsync("calls/s");
        await Expect(page.GetByTestId("delete-job-progress-left")).ToContainTextAsync("left");
        await ShootBothThemesAsync(page, "retention-job-running");

        await page.GetByTestId("job-pause").ClickAsync();
        await Expect(page.GetByTestId("job-state")).ToHaveTextAsync("Paused");
        Assert.Equal(DeletionJobState.Paused, (await fixture.JobAsync(running)).State);
        await Expect(page.GetByTestId("job-resume")).ToBeVisibleAsync();

        await page.GotoAsync($"/retention/jobs/{completed}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("job-deleted")).ToHaveAttributeAsync("data-value", (RetentionJobsFixture.Selected - 12).ToString());
        await Expect(page.GetByTestId("job-certificate")).ToHaveAttributeAsync("href", $"/retention/jobs/{completed}/certificate?tz=Europe%2FBerlin");
        await Expect(page.GetByTestId("job-vendor")).ToHaveTextAsync("11,985 deleted, 3 failed");
        await Expect(page.GetByTestId("job-vendor-failure")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("job-vendor-retry")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("job-requested-by")).ToHaveTextAsync("the data subject (e-mail of 2026-06-10, ticket GDPR-4711)");
        await Expect(page.GetByTestId("job-confirmed-by")).ToHaveTextAsync("Alex Admin");
        await ShootBothThemesAsync(page, "retention-job-completed");

        await page.GotoAsync($"/retention/jobs/{fixture.JobIds[DeletionJobState.Failed]}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("job-error-message")).ToContainTextAsync("database is locked");
        await ShootBothThemesAsync(page, "retention-job-failed");

        // On a phone: the table becomes cards, the facts stack.
        var phone = await fixture.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/retention");
        await phone.SignInAsync("admin", "admin");
        await phone.WaitForInteractiveAsync();
        await Expect(phone.GetByTestId("job-row")).ToHaveCountAsync(5);
        await Expect(phone.GetByText("Times in Europe/Berlin")).ToBeVisibleAsync();
        await fixture.ScreenshotAsync(phone, "retention-jobs-phone");
        await phone.GotoAsync($"/retention/jobs/{completed}");
        await phone.WaitForInteractiveAsync();
        await Expect(phone.GetByTestId("job-certificate")).ToHaveAttributeAsync("href", $"/retention/jobs/{completed}/certificate?tz=Europe%2FBerlin");
        await fixture.ScreenshotAsync(phone, "retention-job-completed-phone");

        _findings.AssertNone();
    }

    [Fact]
    public async Task Admin_PoliciesAndLegalHoldsTabs_ShowWhatIsInForce()
    {
        var admin = new PortalUser("dev-admin", "Alex Admin", [PortalRoles.Admin], []);
        var policies = fixture.Portal.Services.GetRequiredService<RetentionPolicies>();
        await policies.SaveAsync(admin, new RetentionPolicyDraft(null, null, CallDays: 730, TranscriptDays: 180, RecordingDays: 90, Enabled: true));
        await fixture.Portal.Services.GetRequiredService<LegalHolds>().PlaceAsync(admin,
            new LegalHoldRequest(LegalHoldKind.Number, null, null, "+49 30 40506070", "litigation 2026-17"));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/retention");
        await page.SignInAsync("admin", "admin");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Policies" }).ClickAsync();
        await Expect(page.GetByTestId("policy-table")).ToContainTextAsync("730");
        await Expect(page.GetByTestId("retention-next-run")).ToBeVisibleAsync();
        await ShootBothThemesAsync(page, "retention-policies");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Legal holds" }).ClickAsync();
        await Expect(page.GetByTestId("hold-table")).ToContainTextAsync("litigation 2026-17");
        await ShootBothThemesAsync(page, "retention-holds");
        _findings.AssertNone();
    }

    private async Task ShootBothThemesAsync(IPage page, string name)
    {
        await page.Mouse.MoveAsync(1, 1); // no tooltip in the screenshots
        foreach (var theme in PortalPages.Themes)
        {
            await page.UseThemeAsync(theme);
            await page.Mouse.MoveAsync(1, 1);
            await fixture.ScreenshotAsync(page, $"{name}-{theme}");
            await _findings.CheckAsync(page, $"{name} ({theme})");
        }
        await page.UseThemeAsync("light");
    }
}
