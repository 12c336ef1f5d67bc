using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Reporting;
using Portal.Web.Tests.Features.Exports;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The bulk-delete wizard on the real portal: the preview's counts are the database's, the list holds exactly the matching calls,
/// a confirmation creates the job only with the typed and previewed count of the calls selected now, an erasure request finds a
/// number typed in any format on every vendor, and a supervisor is refused the page, the list and every step.
/// </summary>
public class DeletionWizardTests(WizardPortal portal) : IClassFixture<WizardPortal>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>All of one connection's mixed calls (late February to early March 2026).</summary>
    private static CallFilter Filter(int connectionId, params Portal.Telephony.Calls.CallDirection[] direction) => new()
    {
        Dashboard = new DashboardFilter
        {
            Range = DateRangePreset.Custom, From = new DateOnly(2026, 2, 1), To = new DateOnly(2026, 3, 31), ConnectionIds = [connectionId],
            Direction = direction.Length > 0 ? direction[0] : null,
        },
    };

    [Fact]
    public async Task Preview_Filter_CountsPerConnectionAndKindEqualADirectCount()
    {
        var filter = Filter(portal.Mixed.ConnectionA) with { Outcomes = [Portal.Telephony.Calls.CallOutcome.Answered, Portal.Telephony.Calls.CallOutcome.Missed] };

        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin);

        var expected = await portal.QueryAsync(db => db.Calls.Where(c => c.ConnectionId == portal.Mixed.ConnectionA
                && (c.Outcome == Portal.Telephony.Calls.CallOutcome.Answered || c.Outcome == Portal.Telephony.Calls.CallOutcome.Missed))
            .Select(c => new { c.Id, c.StartedAtUtc, c.HasTranscript, c.HasRecording }).ToListAsync());
        var connection = Assert.Single(preview.Connections);
        Assert.Equal((portal.Mixed.ConnectionA, expected.Count, expected.Count(c => c.HasTranscript), expected.Count(c => c.HasRecording)),
            (connection.ConnectionId, connection.Calls, connection.WithTranscript, connection.WithRecording));
        Assert.True(connection.WithTranscript > 0 && connection.WithRecording > 0);
        Assert.Equal(expected.Count, preview.Total);
        Assert.Equal(expected.OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id).Take(DeletionPreview.FirstCallsShown).Select(c => c.Id),
            preview.FirstCalls.Select(c => c.Id));
        Assert.Contains("outcome: answered, missed", preview.Selection);
        Assert.Equal([Portal.Telephony.Calls.VendorKind.NfonCallHistory], preview.Vendors.Select(v => v.Vendor));
        Assert.True(preview.Vendors[0].PortalDeletes);
    }

    [Fact]
    public async Task Preview_Vendors_SayWhichCopiesThePortalDeletesAndWhatToDoElsewhere()
    {
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForNumbers(WizardPortal.Berlin), Berlin);

        Assert.Equal([(Portal.Telephony.Calls.VendorKind.NfonCallHistory, true), (Portal.Telephony.Calls.VendorKind.WebFones, false), (Portal.Telephony.Calls.VendorKind.Cinnox, false)],
            preview.Vendors.Select(v => (v.Vendor, v.PortalDeletes)));
        Assert.Contains("WebFones support", preview.Vendors[1].Advice);
        Assert.Contains("CINNOX", preview.Vendors[2].Advice);
    }

    [Fact]
    public async Task Erasure_NumberInThreeFormats_FindsTheSameCallsOnEveryVendor()
    {
        var expected = await portal.QueryAsync(db => db.Calls.Where(c => portal.ErasureCalls.Contains(c.VendorCallId)).Select(c => c.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(4, expected.Count);

        foreach (var typed in new[] { WizardPortal.Berlin, "030 40506070", "+49 (30) 4050-6070" })
        {
            var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForNumbers(typed), Berlin);

            Assert.Equal(4, preview.Total);
            Assert.Equal(["Erasure Cinnox", "Erasure NfonCallHistory", "Erasure WebFones"], preview.Connections.Select(c => c.Name).Order());
            Assert.Equal(expected, preview.FirstCalls.Select(c => c.Id).Order());
            Assert.Empty(preview.Unparseable);
        }
    }

    [Fact]
    public async Task Erasure_UnparseableEntries_AreNamedAtOnce()
    {
        var unparseable = await portal.Wizard.UnparseableNumbersAsync(RetentionHost.Admin, $"{WizardPortal.Berlin}\nhello; 12");

        Assert.Equal(["hello", "12"], unparseable);
    }

    [Fact]
    public async Task Confirm_Erasure_CreatesAnErasureJobOfTheNumbersCalls()
    {
        var selection = DeletionSelection.ForNumbers("0049 30 40506070", from: new DateOnly(2026, 3, 2), to: new DateOnly(2026, 3, 2));
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, selection, Berlin);

        var id = await portal.Wizard.ConfirmAsync(RetentionHost.Admin, selection, Berlin,
            new DeletionConfirmation("GDPR-42", preview.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), preview.Total, CallDeletionScope.Calls,
                "  the data subject, by letter of 2026-03-05  "));

        var job = await portal.QueryAsync(db => db.DeletionJobs.SingleAsync(j => j.Id == id));
        Assert.Equal((DeletionJobKind.Erasure, 4L, "GDPR-42"), (job.Kind, job.SelectedCount, job.Reason));
        Assert.Equal(("the data subject, by letter of 2026-03-05", RetentionHost.Admin.Name), (job.RequestedBy, job.ConfirmedByName));
        Assert.NotEqual(0, await portal.QueryAsync(db => db.ErasureLedger.CountAsync(e => e.Reference == id)));
    }

    [Fact]
    public async Task Confirm_Filter_CreatesTheJobWithTheCallsSelectedNow()
    {
        var filter = Filter(portal.Mixed.ConnectionB, Portal.Telephony.Calls.CallDirection.Inbound);
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin);

        var id = await portal.Wizard.ConfirmAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin,
            new DeletionConfirmation("TICKET-7", $"{preview.Total:N0}", preview.Total, CallDeletionScope.TranscriptsOnly, "Erika Muster, author of TICKET-7"));

        var expected = await portal.QueryAsync(db => db.Calls.Where(c => c.ConnectionId == portal.Mixed.ConnectionB && c.Direction == Portal.Telephony.Calls.CallDirection.Inbound)
            .Select(c => c.Id).OrderBy(i => i).ToListAsync());
        var job = await portal.QueryAsync(db => db.DeletionJobs.SingleAsync(j => j.Id == id));
        Assert.Equal((DeletionJobKind.WizardFilter, CallDeletionScope.TranscriptsOnly, (long)expected.Count), (job.Kind, job.Scope, job.SelectedCount));
        Assert.Equal(expected, await portal.QueryAsync(db => db.DeletionJobItems.Where(i => i.JobId == id).Select(i => i.CallId).OrderBy(i => i).ToListAsync()));
        Assert.StartsWith("record browser filter: 2026-02-01 to 2026-03-31 (Europe/Berlin); connections: Cinnox; direction: inbound", job.Selection);
        Assert.Equal("Erika Muster, author of TICKET-7", job.RequestedBy);

        // The same calls again: the overlapping job is refused, and says which job holds them.
        var overlap = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin,
            new DeletionConfirmation("TICKET-8", $"{preview.Total}", preview.Total, CallDeletionScope.Calls)));
        Assert.Contains($"deletion job {id}", overlap.Message);
    }

    [Fact]
    public async Task Confirm_WrongTypedCount_IsRefusedAndCreatesNoJob()
    {
        var filter = Filter(portal.Mixed.ConnectionA);
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin);
        var jobsBefore = await portal.QueryAsync(db => db.DeletionJobs.CountAsync());

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Admin,
            DeletionSelection.ForFilter(filter), Berlin, new DeletionConfirmation("TICKET-9", $"{preview.Total - 1}", preview.Total, CallDeletionScope.Calls)));

        Assert.Contains($"the preview shows {preview.Total} calls", refused.Message);
        Assert.Equal(jobsBefore, await portal.QueryAsync(db => db.DeletionJobs.CountAsync()));
        Assert.Contains(await portal.QueryAsync(db => db.AuditEntries.ToListAsync()),
            e => e.Action == DeletionJobs.CreateAction && e.Refused && e.Details!.Contains("type that number"));
    }

    [Fact]
    public async Task Confirm_RequestedByLongerThan200_IsRefusedAndCreatesNoJob()
    {
        var filter = Filter(portal.Mixed.ConnectionA);
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin);
        var jobsBefore = await portal.QueryAsync(db => db.DeletionJobs.CountAsync());

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Admin,
            DeletionSelection.ForFilter(filter), Berlin, new DeletionConfirmation("TICKET-11", $"{preview.Total}", preview.Total, CallDeletionScope.Calls,
                new string('x', DeletionConfirmation.MaxRequestedBy + 1))));

        Assert.Contains("\"Requested by\" is 201 characters long; at most 200", refused.Message);
        Assert.Equal(jobsBefore, await portal.QueryAsync(db => db.DeletionJobs.CountAsync()));
    }

    [Fact]
    public async Task Confirm_CountChangedSinceThePreview_IsRefused()
    {
        var filter = Filter(portal.Mixed.ConnectionA);
        var now = (await portal.Wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), Berlin)).Total;
        var previewed = now + 3; // as if three calls had been deleted since

        var refused = await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Admin,
            DeletionSelection.ForFilter(filter), Berlin, new DeletionConfirmation("TICKET-10", $"{previewed}", previewed, CallDeletionScope.Calls)));

        Assert.Contains($"matches {now} calls now, not the {previewed}", refused.Message);
    }

    [Fact]
    public async Task Confirm_ConnectionBeforeDate_WantsTheConnectionsNameNotACount()
    {
        var selection = DeletionSelection.ForConnection(portal.Mixed.ConnectionA, new DateOnly(2026, 2, 28));
        var preview = await portal.Wizard.PreviewAsync(RetentionHost.Admin, selection, TimeZoneInfo.Utc);
        var cut = new DateTime(2026, 2, 28, 0, 0, 0, DateTimeKind.Utc);
        var expected = await portal.QueryAsync(db => db.Calls.Where(c => c.ConnectionId == portal.Mixed.ConnectionA && c.StartedAtUtc < cut)
            .Select(c => c.Id).OrderBy(i => i).ToListAsync());
        Assert.Equal(expected.Count, preview.Total);

        await Assert.ThrowsAsync<DeletionJobRefusedException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Admin, selection, TimeZoneInfo.Utc,
            new DeletionConfirmation("cleanup", $"{preview.Total}", preview.Total, CallDeletionScope.Calls)));
        var id = await portal.Wizard.ConfirmAsync(RetentionHost.Admin, selection, TimeZoneInfo.Utc,
            new DeletionConfirmation("cleanup", "NfonCallHistory", preview.Total, CallDeletionScope.Calls));

        var job = await portal.QueryAsync(db => db.DeletionJobs.SingleAsync(j => j.Id == id));
        Assert.Equal(DeletionJobKind.ConnectionBeforeDate, job.Kind);
        Assert.Equal("all calls of connection \"NfonCallHistory\" (#" + portal.Mixed.ConnectionA + ", NFON Call History) that started before 2026-02-28 00:00 (UTC)", job.Selection);
        Assert.Equal(expected, await portal.QueryAsync(db => db.DeletionJobItems.Where(i => i.JobId == id).Select(i => i.CallId).OrderBy(i => i).ToListAsync()));
    }

    [Fact]
    public async Task EveryStep_Supervisor_IsRefused()
    {
        var selection = DeletionSelection.ForFilter(Filter(portal.Mixed.ConnectionA));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Wizard.PreviewAsync(RetentionHost.Supervisor, selection, Berlin));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Wizard.DescribeAsync(RetentionHost.Supervisor, selection, Berlin));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Wizard.ConnectionsAsync(RetentionHost.Supervisor));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Wizard.UnparseableNumbersAsync(RetentionHost.Supervisor, "hello"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Wizard.ConfirmAsync(RetentionHost.Supervisor, selection, Berlin,
            new DeletionConfirmation("x", "1", 1, CallDeletionScope.Calls)));

        Assert.Contains(await portal.QueryAsync(db => db.AuditEntries.ToListAsync()),
            e => e.Action == DeletionJobs.CreateAction && e.Refused && e.UserId == RetentionHost.Supervisor.Id);
        Assert.Contains(portal.App.SecurityEvents, e => e.GetStructuredStateValue("Action") == DeletionWizard.PreviewAction
            && e.GetStructuredStateValue("UserId") == RetentionHost.Supervisor.Id);
    }

    [Fact]
    public async Task Page_Supervisor_RedirectsToNoAccess()
    {
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync(BulkDeleteLinks.Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/no-access", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Page_Admin_IsShownWithTheRecordBrowsersFilter()
    {
        using var client = await portal.SignedInAsync("admin");

        var html = await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync(BulkDeleteLinks.ForFilter(Filter(portal.Mixed.ConnectionA))));

        Assert.Contains("Delete calls", html);
        Assert.Contains("data-testid=\"delete-what\"", html);
    }

    [Fact]
    public async Task List_Admin_StreamsExactlyTheMatchingCalls()
    {
        using var client = await portal.SignedInAsync("admin");
        var filter = Filter(portal.Mixed.ConnectionA) with { HasTranscript = true };
        var expected = await portal.QueryAsync(db => db.Calls.Where(c => c.ConnectionId == portal.Mixed.ConnectionA && c.HasTranscript)
            .OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id).Select(c => c.Id).ToListAsync());

        var response = await client.Http.GetAsync(RetentionEndpoints.ListHref(DeletionSelection.ForFilter(filter)) + "&tz=Europe/Berlin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^calls-to-delete-\d{8}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(ExportWorkbook.SchemaErrors(bytes));
        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(Portal.Web.Reporting.Spreadsheets.CallsExport.SheetName);
        var header = ExportWorkbook.RowOf(sheet, "Start");
        var ids = ExportWorkbook.Rows(sheet, header + 1).Select(r => (long)r.Cell(14).GetDouble()).ToList();
        Assert.Equal(expected, ids);
        Assert.Contains(sheet.Column(1).CellsUsed(), c => c.GetString().StartsWith("Selection: record browser filter", StringComparison.Ordinal));
        Assert.Contains(await portal.QueryAsync(db => db.AuditEntries.ToListAsync()),
            e => e.Action == DeletionWizard.ListAction && !e.Refused && e.RowCount == expected.Count);
    }

    [Fact]
    public async Task List_Erasure_NamesNoNumberInTheAuditLog()
    {
        using var client = await portal.SignedInAsync("admin");

        var response = await client.Http.GetAsync(RetentionEndpoints.ListHref(DeletionSelection.ForNumbers("030 40506070")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await portal.QueryAsync(db => db.AuditEntries.Where(e => e.Action == DeletionWizard.ListAction).ToListAsync()))
            .Single(e => e.Filter?.StartsWith("erasure request", StringComparison.Ordinal) == true);
        Assert.Equal(4, entry.RowCount);
        Assert.DoesNotContain("40506070", entry.Filter + entry.Details + entry.Target);
    }

    [Fact]
    public async Task List_Supervisor_Is403AndAudited()
    {
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync(RetentionEndpoints.ListHref(DeletionSelection.ForFilter(Filter(portal.Mixed.ConnectionA))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Only administrators may delete calls.", await response.Content.ReadAsStringAsync());
        Assert.Contains(await portal.QueryAsync(db => db.AuditEntries.ToListAsync()),
            e => e.Action == DeletionWizard.ListAction && e.Refused && e.UserId == "dev-supervisor");
    }

    [Fact]
    public async Task List_CrossSite_Is403()
    {
        using var client = await portal.SignedInAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, RetentionEndpoints.ListHref(DeletionSelection.ForFilter(Filter(portal.Mixed.ConnectionA))));
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("came from another site", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1234", 1234L)]
    [InlineData(" 12,345 ", 12345L)]
    [InlineData("12.345", 12345L)]
    [InlineData("12a", null)]
    [InlineData("", null)]
    [InlineData("-5", null)]
    public void ParseCount_AcceptsGroupedDigitsOnly(string typed, long? expected) => Assert.Equal(expected, DeletionWizard.ParseCount(typed));

    [Fact]
    public void SelectionQuery_RoundTripsEveryKind()
    {
        var today = new DateOnly(2026, 6, 12);
        foreach (var selection in new[]
        {
            DeletionSelection.ForFilter(Filter(3)),
            DeletionSelection.ForNumbers("+49 30 1\n030 2", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)),
            DeletionSelection.ForConnection(7, new DateOnly(2025, 12, 31)),
        })
        {
            var (parsed, errors) = DeletionSelectionQuery.Parse(DeletionSelectionQuery.Format(selection), today);
            Assert.Empty(errors);
            Assert.Equal(DeletionSelectionQuery.Format(selection), DeletionSelectionQuery.Format(parsed));
        }
        // The record browser's own query (no "what") opens the wizard with its filter.
        Assert.Equal(Filter(3), DeletionSelectionQuery.Parse(CallFilterQuery.Format(Filter(3)), today).Selection.Filter);
    }
}
