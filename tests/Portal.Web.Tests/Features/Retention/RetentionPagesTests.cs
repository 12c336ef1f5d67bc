using System.Net;
using Microsoft.Extensions.Logging;
using Portal.Web.Audit;
using Portal.Web.Data.Entities;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The retention pages over HTTP: an administrator gets /retention and a job's page (prerendered with the job's progress), a
/// supervisor is sent to /no-access for each, and the refusal is in the security log.
/// </summary>
public class RetentionPagesTests(CertificatePortal portal) : IClassFixture<CertificatePortal>
{
    public static TheoryData<string> Pages => ["/retention", "/retention/jobs/1"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Supervisor_RedirectsToNoAccessAndIsInTheSecurityLog(string path)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
        var refusal = Assert.Single(portal.App.SecurityEvents, e => e.GetStructuredStateValue("Target") == $"GET {path}");
        Assert.Equal((SecurityLog.RefusedEventId, LogLevel.Warning), (refusal.Id.Id, refusal.Level));
        Assert.Equal(("dev-supervisor", "requires one of the roles Admin"),
            (refusal.GetStructuredStateValue("UserId"), refusal.GetStructuredStateValue("Reason")));
    }

    [Fact]
    public async Task RetentionPage_Admin_ListsTheJobsNewestFirst()
    {
        using var client = await portal.SignedInAsync("admin");

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync("/retention"));

        Assert.Contains("<h1", html);
        Assert.Contains(">Retention</h1>", html);
        Assert.Contains("href=\"/retention/delete\"", html);
        Assert.Contains("TICKET-12", html);
        var newest = html.IndexOf($"data-job-id=\"{portal.CancelledJobId}\"", StringComparison.Ordinal);
        var oldest = html.IndexOf($"data-job-id=\"{portal.CompletedJobId}\"", StringComparison.Ordinal);
        Assert.True(newest >= 0 && oldest > newest, "The jobs are listed newest first.");
    }

    [Fact]
    public async Task JobPage_Admin_ShowsTheJobWithItsProgressAndCertificateLink()
    {
        using var client = await portal.SignedInAsync("admin");
        var id = portal.CompletedJobId;

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/retention/jobs/{id}"));

        Assert.Contains($"Deletion job {id}</h1>", html);
        var selected = portal.DeletedIds.Length + 1;
        Assert.Contains($"data-testid=\"delete-job-progress\" data-processed=\"{selected}\" data-selected=\"{selected}\"", html);
        Assert.Contains($"data-value=\"{portal.DeletedIds.Length}\"", html); // deleted locally
        Assert.Contains($"href=\"/retention/jobs/{id}/certificate?tz=UTC\"", html); // prerendered: the browser's zone comes with the circuit
        Assert.Contains(CertificatePortal.Selection, html);
    }

    [Fact]
    public async Task JobPage_Admin_UnfinishedJobHasNoCertificateLink()
    {
        using var client = await portal.SignedInAsync("admin");
        var id = portal.UnfinishedJobIds[DeletionJobState.Paused];

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync($"/retention/jobs/{id}"));

        Assert.Contains("data-testid=\"job-resume\"", html);
        Assert.DoesNotContain("/certificate", html);
    }
}
