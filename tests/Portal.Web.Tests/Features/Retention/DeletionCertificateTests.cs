using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portal.Web.Audit;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The deletion certificate over HTTP: its hash is the SHA-256 of the deleted ids in the stated byte form, it holds no content
/// of the deleted calls, only administrators get it (and each download is audited), and unknown or unfinished jobs get 404/409.
/// </summary>
public class DeletionCertificateTests(CertificatePortal portal) : IClassFixture<CertificatePortal>
{
    /// <summary>The byte form the certificate states, written out independently: decimal ASCII, ascending, each followed by '\n'.</summary>
    private static string Recompute(IEnumerable<long> ids) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(ids.Order().Select(id => $"{id}\n")))));

    [Fact]
    public void HashDeletedIds_SmallSets_HashTheStatedBytes()
    {
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("3\n12\n"u8)), DeletionCertificate.HashDeletedIds([12, 3, 12]));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DeletionCertificate.HashDeletedIds([]));
    }

    [Fact]
    public async Task Certificate_Admin_HashEqualsSha256OfTheDeletedIdsAndChangesWithOneId()
    {
        using var client = await portal.SignedInAsync("admin");

        var text = await DownloadAsync(client, portal.CompletedJobId);

        var expected = Recompute(portal.DeletedIds);
        Assert.Contains($"SHA-256 of deleted ids: {expected}\n", text);
        Assert.Equal(expected, DeletionCertificate.HashDeletedIds(portal.DeletedIds));
        var oneDiffers = portal.DeletedIds.ToArray();
        oneDiffers[^1] += 1;
        Assert.NotEqual(expected, Recompute(oneDiffers));
        Assert.NotEqual(expected, DeletionCertificate.HashDeletedIds(oneDiffers));
        Assert.NotEqual(expected, DeletionCertificate.HashDeletedIds([.. portal.DeletedIds, 999_999])); // selected, never deleted
        Assert.Contains(DeletionCertificate.HashInputInWords, text);
    }

    [Fact]
    public async Task Certificate_Admin_StatesWhoWhenWhyAndCountsInUtcAndTheViewersZone()
    {
        using var client = await portal.SignedInAsync("admin");

        var text = await DownloadAsync(client, portal.CompletedJobId, "?tz=Europe/Berlin");

        var lines = text.Split('\n');
        Assert.Equal("DELETION CERTIFICATE", lines[0]);
        Assert.Contains($"Deletion job:           {portal.CompletedJobId}", lines);
        Assert.Contains("State:                  Completed", lines);
        Assert.Contains("Kind:                   erasure request (GDPR Art. 17)", lines);
        Assert.Contains("Reason:                 TICKET-12", lines);
        Assert.Contains($"Selection:              {CertificatePortal.Selection}", lines);
        Assert.Contains("Asked by:               Ada Admin (subject admin-1)", lines);
        Assert.Contains("Confirmed by:           Ada Admin (subject admin-1), the administrator who created the job", lines);
        Assert.Contains(lines, l => l.StartsWith("Created:                2026-06-12 15:0", StringComparison.Ordinal)
            && l.Contains(" UTC (2026-06-12 17:0", StringComparison.Ordinal) && l.EndsWith(" Europe/Berlin)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Finished:               2026-06-12 15:", StringComparison.Ordinal) && l.EndsWith(" Europe/Berlin)", StringComparison.Ordinal));
        Assert.Contains($"Calls selected:         {portal.DeletedIds.Length + 1}", lines);
        Assert.Contains($"Calls deleted:          {portal.DeletedIds.Length}", lines);
        Assert.Contains("Not deleted:            1 (already gone, or put under legal hold)", lines);
        Assert.Contains("At the vendor deleted:  0", lines);
        Assert.Contains($"At the vendor failed:   {portal.DeletedIds.Length}", lines); // connection A has no credentials
        Assert.Contains("Per connection:", lines);
        Assert.Contains($"  NfonCallHistory (NFON Call History, connection {portal.ConnectionA}): {portal.DeletedIds.Length} calls, {portal.DeletedTranscripts} transcripts, "
            + $"{portal.DeletedRecordings} recording links deleted locally; at the vendor 0 deleted, {portal.DeletedIds.Length} failed, 0 not possible", lines);
        Assert.True(portal.DeletedRecordings > 0, "the deleted calls had recordings");
        Assert.Contains("Issued to:              Alex Admin (subject dev-admin)", lines);
    }

    [Fact]
    public async Task Certificate_CancelledJob_CertifiesWhatItDeletedBeforeTheCancellation()
    {
        using var client = await portal.SignedInAsync("admin");

        var text = await DownloadAsync(client, portal.CancelledJobId);

        var lines = text.Split('\n');
        Assert.Contains("State:                  Cancelled (this certifies what the job deleted before it was cancelled)", lines);
        Assert.Contains("What was deleted:       transcripts only (the calls were kept)", lines);
        Assert.Contains("Reason:                 purge Fake line: injected", lines);
        Assert.Contains("Transcripts deleted:    2", lines);
        Assert.Contains("Not deleted:            2 (already gone, or put under legal hold, or without a transcript, or not reached before the cancellation)", lines);
        Assert.Contains("Started:                -", lines);
        Assert.Contains("Asked by:               Ada Admin (subject admin-1)", lines); // no separate asker, no recorded confirmation
        Assert.Contains("Confirmed by:           Ada Admin (subject admin-1); the job records no separate confirmation, the administrator who created it confirmed it", lines);
        Assert.Contains("Per connection:         not recorded by the job", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("At the vendor", StringComparison.Ordinal)); // transcripts only: the vendor's records stay
        Assert.Contains($"SHA-256 of deleted ids: {Recompute([900_002, 900_010])}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Fake line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Certificate_Admin_HoldsNoNumberNameOrVendorIdOfADeletedCall()
    {
        using var client = await portal.SignedInAsync("admin");

        var text = await DownloadAsync(client, portal.CompletedJobId, "?tz=Europe/Berlin");

        Assert.NotEmpty(portal.DeletedContent);
        Assert.Contains(CertificatePortal.DeletedName, portal.DeletedContent);
        Assert.All(portal.DeletedContent.Distinct(), content => Assert.DoesNotContain(content, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("+49", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_Admin_DownloadIsAudited()
    {
        using var client = await portal.SignedInAsync("admin");
        var before = (await portal.AuditAsync()).Count;

        await DownloadAsync(client, portal.CompletedJobId);

        var entry = Assert.Single((await portal.AuditAsync()).Skip(before));
        Assert.Equal((DeletionCertificates.ReadAction, "dev-admin", "Alex Admin", $"deletion job {portal.CompletedJobId}", false, (long?)portal.DeletedIds.Length),
            (entry.Action, entry.UserId, entry.UserName, entry.Target, entry.Refused, entry.RowCount));
        Assert.Equal($"deletion certificate; SHA-256 of deleted ids {Recompute(portal.DeletedIds)}", entry.Details);
    }

    [Fact]
    public async Task Certificate_Supervisor_IsRefusedWith403InTheSecurityAndAuditLogs()
    {
        using var client = await portal.SignedInAsync("supervisor");
        var before = (await portal.AuditAsync()).Count;

        var response = await client.Http.GetAsync(RetentionEndpoints.CertificatePath(portal.CompletedJobId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Only administrators may read deletion certificates.", body);
        var entry = Assert.Single((await portal.AuditAsync()).Skip(before));
        Assert.Equal((DeletionCertificates.ReadAction, "Sam Supervisor", $"deletion job {portal.CompletedJobId}", true, "Only administrators may read deletion certificates."),
            (entry.Action, entry.UserName, entry.Target, entry.Refused, entry.Details));
        Assert.Contains(portal.App.SecurityEvents, e => e.Id.Id == SecurityLog.RefusedEventId && e.GetStructuredStateValue("UserName") == "Sam Supervisor"
            && e.GetStructuredStateValue("Action") == DeletionCertificates.ReadAction && e.GetStructuredStateValue("Target") == $"deletion job {portal.CompletedJobId}");
    }

    [Fact]
    public async Task Certificate_SignedOut_AFetchGets401AndABrowserNavigationTheSignIn()
    {
        using var client = portal.App.CreatePortalClient();
        var path = RetentionEndpoints.CertificatePath(portal.CompletedJobId);

        var fetched = await client.Http.GetAsync(path);
        using var navigation = new HttpRequestMessage(HttpMethod.Get, path);
        navigation.Headers.Add("Sec-Fetch-Mode", "navigate");
        var navigated = await client.Http.SendAsync(navigation);

        Assert.Equal(HttpStatusCode.Unauthorized, fetched.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, navigated.StatusCode);
        Assert.Contains("/dev-oidc/connect/authorize", navigated.Headers.Location!.ToString());
        Assert.DoesNotContain("DELETION CERTIFICATE", await fetched.Content.ReadAsStringAsync() + await navigated.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Certificate_CrossSiteRequest_IsRefusedWith403AndLogged()
    {
        using var client = await portal.SignedInAsync("admin");
        var path = RetentionEndpoints.CertificatePath(portal.CompletedJobId);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "navigate");
        var before = (await portal.AuditAsync()).Count;

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("came from another site", await response.Content.ReadAsStringAsync());
        var entry = Assert.Single((await portal.AuditAsync()).Skip(before));
        Assert.Equal((DeletionCertificates.ReadAction, true, "dev-admin", $"GET {path}", "a cross-site request (Sec-Fetch-Site: cross-site)"),
            (entry.Action, entry.Refused, entry.UserId, entry.Target, entry.Details));
        Assert.Contains(portal.App.SecurityEvents, e => e.GetStructuredStateValue("Target") == $"GET {path}" && e.GetStructuredStateValue("UserId") == "dev-admin");
    }

    [Fact]
    public async Task Certificate_UnknownJob_Is404()
    {
        using var client = await portal.SignedInAsync("admin");

        var response = await client.Http.GetAsync(RetentionEndpoints.CertificatePath(424_242));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("There is no deletion job 424242.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(DeletionJobState.Pending)]
    [InlineData(DeletionJobState.Running)]
    [InlineData(DeletionJobState.Paused)]
    [InlineData(DeletionJobState.Failed)]
    public async Task Certificate_JobNotFinished_Is409WithTheState(DeletionJobState state)
    {
        using var client = await portal.SignedInAsync("admin");
        var id = portal.UnfinishedJobIds[state];

        var response = await client.Http.GetAsync(RetentionEndpoints.CertificatePath(id));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"Deletion job {id} is {state.ToString().ToLowerInvariant()}: a certificate is issued once the job is completed or cancelled.",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Certificate_UnknownTimeZone_Is400()
    {
        using var client = await portal.SignedInAsync("admin");

        var response = await client.Http.GetAsync(RetentionEndpoints.CertificatePath(portal.CompletedJobId) + "?tz=Mars/Olympus_Mons");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> DownloadAsync(PortalClient client, long jobId, string query = "")
    {
        var response = await client.Http.GetAsync(RetentionEndpoints.CertificatePath(jobId) + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"deletion-certificate-{jobId}.txt", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        return await response.Content.ReadAsStringAsync();
    }
}
