using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Portal.Telephony.Calls;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Pages;

namespace Portal.Components.Tests.Retention;

/// <summary>
/// The vendor side on the job page, over the real deletion jobs on SQLite with item rows written directly: the counts at the
/// vendor ("not possible" where the vendor has no delete), the failed vendor deletes with connection, record id and reason, a
/// retry that goes through <see cref="DeletionJobs.RetryVendorAsync"/> (and is refused on the server for a supervisor), and who
/// asked and who confirmed. These contexts have no vendor adapters and no connections, so a retry fails again with the reason
/// that the connection was removed: what matters here is that it calls through and the page shows the outcome.
/// </summary>
public sealed class DeletionJobVendorTests : RetentionPageTest
{
    private const int NfonConnection = 7;
    private const string OriginalReason = "NFON answered 503 Service Unavailable";

    private IRenderedComponent<IComponent> RenderPage(long id) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<DeletionJobPage>(2);
        builder.AddAttribute(3, nameof(DeletionJobPage.Id), id);
        builder.CloseComponent();
    });

    /// <summary>A completed job of 5 NFON calls: 3 deleted at the vendor, 2 failed.</summary>
    private async Task<long> AddJobWithVendorFailuresAsync()
    {
        var id = await AddJobAsync(DeletionJobState.Completed, selected: 5, processed: 5, deleted: 5);
        await using var db = await Contexts.CreateDbContextAsync();
        await db.DeletionJobs.Where(j => j.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.VendorDeletedCount, 3).SetProperty(j => j.VendorFailedCount, 2));
        db.DeletionJobConnections.Add(new DeletionJobConnection
        {
            JobId = id, ConnectionId = NfonConnection, Name = "NFON head office", Vendor = VendorKind.NfonCallHistory, VendorCanDelete = true,
        });
        for (var call = 1; call <= 5; call++)
        {
            db.DeletionJobItems.Add(new DeletionJobItem
            {
                JobId = id, CallId = call, Done = true, Deleted = true, ConnectionId = NfonConnection, VendorCallId = $"nfon-rec-{call}",
                VendorState = call <= 3 ? VendorDeletionState.Deleted : VendorDeletionState.Failed, VendorError = call <= 3 ? null : OriginalReason,
            });
        }
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<List<DeletionJobItem>> FailedItemsAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.DeletionJobItems.AsNoTracking().Where(i => i.JobId == id && i.VendorState == VendorDeletionState.Failed).OrderBy(i => i.CallId).ToListAsync();
    }

    [Fact]
    public async Task Render_JobWithFailedVendorDeletes_ShowsCountsAndTheFailures()
    {
        var id = await AddJobWithVendorFailuresAsync();

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("3 deleted, 2 failed", page.Find("[data-testid=job-vendor]").TextContent.Trim()));
        var rows = page.FindAll("[data-testid=job-vendor-failure]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([
            ["NFON head office (NFON Call History)", "nfon-rec-4", OriginalReason],
            ["NFON head office (NFON Call History)", "nfon-rec-5", OriginalReason],
        ], rows);
        Assert.False(page.Find("[data-testid=job-vendor-retry]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=job-vendor-advice]"));
    }

    [Fact]
    public async Task Retry_Admin_CallsThroughAndShowsTheOutcome()
    {
        var id = await AddJobWithVendorFailuresAsync();
        var page = RenderPage(id);
        page.WaitForAssertion(() => page.Find("[data-testid=job-vendor-retry]"));

        await page.Find("[data-testid=job-vendor-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Sent 2 vendor delete(s) again: 0 deleted, 2 failed.", page.Markup));
        var failed = await FailedItemsAsync(id);
        Assert.Equal([4L, 5L], failed.Select(i => i.CallId));
        Assert.All(failed, i => Assert.StartsWith("The connection was removed", i.VendorError)); // sent again: a new reason
        page.WaitForAssertion(() => Assert.All(page.FindAll("[data-testid=job-vendor-failure] td:last-child"),
            c => Assert.StartsWith("The connection was removed", c.TextContent.Trim())));
        Assert.Equal("3 deleted, 2 failed", page.Find("[data-testid=job-vendor]").TextContent.Trim());
        Assert.Equal(2, (await AuditAsync()).Count(e => e.Action == DeletionJobs.RetryVendorAction && !e.Refused && e.UserId == Admin.Id));
    }

    [Fact]
    public async Task Retry_UserIsNoLongerAdmin_IsRefusedOnTheServerAndChangesNothing()
    {
        var id = await AddJobWithVendorFailuresAsync();
        var page = RenderPage(id);
        page.WaitForAssertion(() => page.Find("[data-testid=job-vendor-retry]"));

        SignInAs(Supervisor); // the role is taken away while the page is open: the button is still there
        await page.Find("[data-testid=job-vendor-retry]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Only administrators may manage deletion jobs.", page.Markup));
        Assert.All(await FailedItemsAsync(id), i => Assert.Equal(OriginalReason, i.VendorError));
        Assert.Equal(2, (await JobAsync(id)).VendorFailedCount);
        var refused = Assert.Single(await AuditAsync(), e => e.Refused);
        Assert.Equal((DeletionJobs.RetryVendorAction, Supervisor.Id, $"deletion job {id}"), (refused.Action, refused.UserId, refused.Target));
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == DeletionJobs.RetryVendorAction && !e.Refused);
    }

    [Fact]
    public async Task Render_VendorWithoutDelete_SaysNotPossibleWithTheVendorsAdvice()
    {
        var id = await AddJobAsync(DeletionJobState.Completed, selected: 2, processed: 2, deleted: 2);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.DeletionJobConnections.Add(new DeletionJobConnection { JobId = id, ConnectionId = 3, Name = "WebFones", Vendor = VendorKind.WebFones });
            db.DeletionJobItems.AddRange(
                new DeletionJobItem { JobId = id, CallId = 1, Done = true, Deleted = true, ConnectionId = 3 },
                new DeletionJobItem { JobId = id, CallId = 2, Done = true, Deleted = true, ConnectionId = 3 });
            await db.SaveChangesAsync();
        }

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal("not possible: the vendor cannot delete its copy of these 2 calls from the portal",
            page.Find("[data-testid=job-vendor]").TextContent.Trim()));
        Assert.Contains("The WebFones Call Log Access API has no delete.", page.Find("[data-testid=job-vendor-advice]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=job-vendor-failures]"));
    }

    [Fact]
    public async Task Render_RequestedAndConfirmedBy_ShowsWhoAskedAndWhoConfirmed()
    {
        var asked = await AddJobAsync(DeletionJobState.Completed, selected: 1, processed: 1, deleted: 1);
        var older = await AddJobAsync(DeletionJobState.Completed, selected: 1, processed: 1, deleted: 1);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.DeletionJobs.Where(j => j.Id == asked).ExecuteUpdateAsync(s => s.SetProperty(j => j.RequestedBy, "data subject, ticket 4711")
                .SetProperty(j => j.ConfirmedByUserId, Admin.Id).SetProperty(j => j.ConfirmedByName, Admin.Name));
        }

        var page = RenderPage(asked);
        page.WaitForAssertion(() => Assert.Equal("data subject, ticket 4711", page.Find("[data-testid=job-requested-by]").TextContent.Trim()));
        Assert.Equal(Admin.Name, page.Find("[data-testid=job-confirmed-by]").TextContent.Trim());

        // A job made before who asked and who confirmed were recorded (the page alone: the providers are there already).
        var before = Render<DeletionJobPage>(p => p.Add(x => x.Id, older));
        before.WaitForAssertion(() => Assert.Equal(Admin.Name, before.Find("[data-testid=job-requested-by]").TextContent.Trim()));
        Assert.StartsWith("not recorded", before.Find("[data-testid=job-confirmed-by]").TextContent.Trim());
    }
}
