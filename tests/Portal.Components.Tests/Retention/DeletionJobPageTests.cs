using System.Reflection;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Pages;

namespace Portal.Components.Tests.Retention;

/// <summary>
/// The job page over the real deletion jobs and runner: it shows the job's progress and follows it live, its buttons go
/// through <see cref="DeletionJobs"/> (pause, resume, cancel after a confirmation), a supervisor's click is refused on the
/// server, a finished job offers its certificate in the viewer's zone, and a closed page leaves no listener on the runner.
/// </summary>
public sealed class DeletionJobPageTests : RetentionPageTest
{
    private IRenderedComponent<IComponent> RenderPage(long id) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<DeletionJobPage>(2);
        builder.AddAttribute(3, nameof(DeletionJobPage.Id), id);
        builder.CloseComponent();
    });

    private static void AssertProgress(IRenderedComponent<IComponent> page, long processed, long selected)
    {
        var progress = page.Find("[data-testid=delete-job-progress]");
        Assert.Equal((processed.ToString(), selected.ToString()), (progress.GetAttribute("data-processed"), progress.GetAttribute("data-selected")));
    }

    [Fact]
    public async Task Render_RunningJob_ShowsProgressCountsAndFollowsTheJob()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 1_000, processed: 250, deleted: 240);

        var page = RenderPage(id);

        page.WaitForAssertion(() => AssertProgress(page, 250, 1_000));
        Assert.Contains("250 of 1,000 calls (25 %)", page.Find("[data-testid=delete-job-progress-counts]").TextContent);
        Assert.Equal("Running", page.Find("[data-testid=job-state]").TextContent.Trim());
        Assert.Contains("2026-06-12 15:00:00", page.Find("[data-testid=job-created]").TextContent); // 13:00 UTC in Berlin
        Assert.Empty(page.FindAll("[data-testid=job-result]"));

        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var job = await db.DeletionJobs.FindAsync(id);
            job!.ProcessedCount = 600; // what the runner's next batches commit
            await db.SaveChangesAsync();
        }

        page.WaitForAssertion(() => AssertProgress(page, 600, 1_000), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Contains("calls/s", page.Find("[data-testid=delete-job-progress-rate]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("left", page.Find("[data-testid=delete-job-progress-left]").TextContent);
    }

    [Fact]
    public async Task Run_JobRunsWhileOpen_PageFollowsItToItsResult()
    {
        var id = await Jobs.CreateAsync(Admin, new DeletionJobRequest(DeletionJobKind.WizardFilter, CallDeletionScope.Calls,
            [900_001, 900_002, 900_003, 900_004, 900_005], "TICKET-9", "calls that are gone already"));
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Equal("Waiting", page.Find("[data-testid=job-state]").TextContent.Trim()));

        await Runner.RunPendingAsync(CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid=job-state]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        AssertProgress(page, 5, 5);
        Assert.Equal("0", page.Find("[data-testid=job-deleted]").GetAttribute("data-value"));
        Assert.Contains("5 already gone", page.Find("[data-testid=job-deleted]").TextContent);
        Assert.Equal($"/retention/jobs/{id}/certificate?tz=Europe%2FBerlin", page.Find("[data-testid=job-certificate]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=job-pause], [data-testid=job-resume], [data-testid=job-cancel]"));
    }

    [Fact]
    public async Task Pause_ThenResume_GoThroughDeletionJobsAndAreAudited()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 100, processed: 10, deleted: 10);
        var page = RenderPage(id);

        page.WaitForAssertion(() => page.Find("[data-testid=job-pause]"));
        await page.Find("[data-testid=job-pause]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid=job-state]").TextContent.Trim()));
        Assert.Equal(DeletionJobState.Paused, (await JobAsync(id)).State);
        await page.Find("[data-testid=job-resume]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Waiting", page.Find("[data-testid=job-state]").TextContent.Trim()));
        Assert.Equal(DeletionJobState.Pending, (await JobAsync(id)).State);
        Assert.Equal([DeletionJobs.PauseAction, DeletionJobs.ResumeAction],
            (await AuditAsync()).Where(e => e.Target == $"deletion job {id}" && !e.Refused && e.UserId == Admin.Id).Select(e => e.Action));
    }

    [Fact]
    public async Task Cancel_ConfirmedInTheDialog_CancelsTheJob()
    {
        var id = await AddJobAsync(DeletionJobState.Paused, selected: 100, processed: 40, deleted: 40);
        var page = RenderPage(id);
        page.WaitForAssertion(() => page.Find("[data-testid=job-cancel]"));

        page.Find("[data-testid=job-cancel]").Click(); // not awaited: the handler waits for the dialog
        page.WaitForAssertion(() => Assert.Contains("the 60 calls it has not reached yet are kept", page.Find(".mud-dialog").TextContent));
        Assert.Equal(DeletionJobState.Paused, (await JobAsync(id)).State); // nothing before the confirmation
        await page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel job").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=job-state]").TextContent.Trim()));
        Assert.Equal(DeletionJobState.Cancelled, (await JobAsync(id)).State);
        Assert.Contains(await AuditAsync(), e => e.Action == DeletionJobs.CancelAction && e.Target == $"deletion job {id}" && !e.Refused);
        Assert.NotNull(page.Find("[data-testid=job-certificate]"));
    }

    [Fact]
    public async Task Cancel_DialogDismissed_LeavesTheJobAlone()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 100, processed: 40, deleted: 40);
        var page = RenderPage(id);
        page.WaitForAssertion(() => page.Find("[data-testid=job-cancel]"));

        page.Find("[data-testid=job-cancel]").Click(); // not awaited: the handler waits for the dialog
        page.WaitForAssertion(() => page.Find(".mud-dialog"));
        await page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep running").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Equal(DeletionJobState.Running, (await JobAsync(id)).State);
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == DeletionJobs.CancelAction);
    }

    [Fact]
    public async Task Pause_UserIsNoLongerAdmin_IsRefusedOnTheServerAndChangesNothing()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 100, processed: 10, deleted: 10);
        var page = RenderPage(id);
        page.WaitForAssertion(() => page.Find("[data-testid=job-pause]"));

        SignInAs(Supervisor); // the role is taken away while the page is open: the button is still there
        await page.Find("[data-testid=job-pause]").ClickAsync(new());

        page.WaitForAssertion(() => page.Find("[data-testid=job-refused]"));
        Assert.Equal(DeletionJobState.Running, (await JobAsync(id)).State);
        var refused = Assert.Single(await AuditAsync(), e => e.Refused);
        Assert.Equal((DeletionJobs.PauseAction, Supervisor.Id, $"deletion job {id}", "Only administrators may manage deletion jobs."),
            (refused.Action, refused.UserId, refused.Target, refused.Details));
    }

    [Fact]
    public async Task Render_Supervisor_ShowsNoJob()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 100, processed: 10, deleted: 10);
        SignInAs(Supervisor);

        var page = RenderPage(id);

        page.WaitForAssertion(() => page.Find("[data-testid=job-refused]"));
        Assert.Empty(page.FindAll("[data-testid=delete-job-progress], [data-testid=job-pause], [data-testid=job-reason]"));
    }

    [Fact]
    public async Task Render_FailedJob_ShowsTheErrorAndResumeButNoCertificate()
    {
        var id = await AddJobAsync(DeletionJobState.Failed, selected: 100, processed: 30, deleted: 30, error: "database is locked");

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Contains("database is locked", page.Find("[data-testid=job-error-message]").TextContent));
        Assert.NotNull(page.Find("[data-testid=job-resume]"));
        Assert.Empty(page.FindAll("[data-testid=job-certificate], [data-testid=job-pause]"));
    }

    [Fact]
    public async Task Render_UnknownJob_SaysThereIsNone()
    {
        var page = RenderPage(424_242);

        page.WaitForAssertion(() => Assert.Contains("There is no deletion job 424242", page.Find("[data-testid=job-missing]").TextContent));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Dispose_PageClosed_LeavesNoListenerOnTheRunner()
    {
        var id = await AddJobAsync(DeletionJobState.Running, selected: 100, processed: 10, deleted: 10);
        var page = RenderPage(id);
        page.WaitForAssertion(() => AssertProgress(page, 10, 100));
        Assert.NotNull(BatchCommittedListeners());

        await DisposeComponentsAsync();

        Assert.Null(BatchCommittedListeners());
    }

    /// <summary>The runner's event's delegate (a field-like event keeps it in a field of the same name).</summary>
    private Delegate? BatchCommittedListeners() =>
        (Delegate?)typeof(DeletionJobRunner).GetField(nameof(DeletionJobRunner.BatchCommitted), BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Runner);
}
