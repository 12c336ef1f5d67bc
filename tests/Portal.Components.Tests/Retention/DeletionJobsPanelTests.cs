using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention.Pages;

namespace Portal.Components.Tests.Retention;

/// <summary>The Jobs tab over the real deletion jobs: an empty state that leads to the wizard, the jobs newest first, refusal shown.</summary>
public sealed class DeletionJobsPanelTests : RetentionPageTest
{
    private IRenderedComponent<IComponent> RenderPanel() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<DeletionJobsPanel>(1);
        builder.CloseComponent();
    });

    [Fact]
    public void Render_NoJobs_ShowsTheEmptyStateWithTheWizardLink()
    {
        var panel = RenderPanel();

        panel.WaitForAssertion(() => panel.Find("[data-testid=jobs-empty]"));
        Assert.Equal("/retention/delete", panel.Find("[data-testid=jobs-empty] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_Jobs_ListsThemNewestFirstWithStateProgressAndLink()
    {
        var completed = await AddJobAsync(DeletionJobState.Completed, selected: 10, processed: 10, deleted: 9);
        var running = await AddJobAsync(DeletionJobState.Running, selected: 1_000, processed: 400, deleted: 400);

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=job-row]").Count));
        Assert.Equal([running.ToString(), completed.ToString()], panel.FindAll("[data-testid=job-row]").Select(r => r.GetAttribute("data-job-id")));
        Assert.Equal(["Running", "Completed"], panel.FindAll("[data-testid=job-state]").Select(c => c.TextContent.Trim()));
        Assert.Equal($"/retention/jobs/{running}", panel.Find("[data-testid=job-link]").GetAttribute("href"));
        Assert.Equal("400", panel.Find($"[data-testid=job-progress-{running}]").GetAttribute("data-processed"));
        Assert.Contains("2026-06-12 15:00:00", panel.Find("[data-testid=job-created]").TextContent); // 13:00 UTC in Berlin
        Assert.Contains("GDPR-4711", panel.Markup);
    }

    [Fact]
    public async Task Render_Supervisor_ShowsTheRefusalAndNoJobs()
    {
        await AddJobAsync(DeletionJobState.Completed, selected: 10, processed: 10, deleted: 9);
        SignInAs(Supervisor);

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("Only administrators may manage deletion jobs.", panel.Find("[data-testid=jobs-error]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=job-row]"));
    }
}
