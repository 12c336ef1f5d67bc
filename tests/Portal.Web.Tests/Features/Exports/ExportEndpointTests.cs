using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Features.Exports;
using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Exports;

/// <summary>The records export over HTTP, as the browser downloads it: who may, what it holds, and the audit entry.</summary>
public class ExportEndpointTests(ExportPortal portal) : IClassFixture<ExportPortal>
{
    private const string Berlin = "tz=Europe/Berlin";

    [Fact]
    public async Task CallsExport_Supervisor_HoldsEveryMatchingCallTypedInTheViewersZone()
    {
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{ExportPortal.Range}&{Berlin}");

        var bytes = await DownloadAsync(response);
        Assert.Equal(CallsExport.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^calls-\d{8}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        Assert.Equal(portal.InRange.Count.ToString(), response.Headers.GetValues(ExportEndpoints.ExpectedRowsHeader).Single());
        Assert.Empty(ExportWorkbook.SchemaErrors(bytes));
        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        var heading = sheet.Column(1).CellsUsed().Select(c => c.GetString()).Take(12).ToList();
        Assert.Contains("Period: 2025-03-10 to 2025-03-14", heading);
        Assert.Contains("Filter: all calls", heading);
        Assert.Contains("Times in Europe/Berlin", heading);
        Assert.Contains(heading, line => line.StartsWith("Produced ", StringComparison.Ordinal) && line.EndsWith("(Europe/Berlin) by Sam Supervisor", StringComparison.Ordinal));
        Assert.Contains(SpreadsheetText.RuleInWords, heading);

        var header = ExportWorkbook.RowOf(sheet, "Start");
        Assert.Equal(header, sheet.SheetView.SplitRow);
        var rows = ExportWorkbook.Rows(sheet, header + 1);
        Assert.Equal(portal.InRange.Count, rows.Count);
        Assert.Equal($"A{header}:N{header + rows.Count}", sheet.AutoFilter.Range.RangeAddress.ToString());

        var stored = (await portal.CallsAsync()).ToDictionary(c => c.Id);
        Assert.All(rows, row =>
        {
            var call = stored[(long)row.Cell(14).GetDouble()];
            Assert.Equal(XLDataType.DateTime, row.Cell(1).DataType);
            Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(call.StartedAtUtc, ExportPortal.Berlin), row.Cell(1).GetDateTime(), TimeSpan.FromMilliseconds(1));
            Assert.Equal(XLDataType.Number, row.Cell(8).DataType);
            Assert.Equal(call.DurationSeconds, row.Cell(8).GetDouble());
            Assert.Equal(call.Extension, row.Cell(4).GetString());
            if (call.ExternalNumber is not null)
            {
                Assert.Equal((XLDataType.Text, call.ExternalNumber), (row.Cell(6).DataType, row.Cell(6).GetString()));
            }
        });
        var times = rows.Select(r => r.Cell(1).GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);

        // 2025-03-10 23:30 UTC is 00:30 on the 11th in Berlin; the all-digit number keeps its leading 0 as text.
        var formulaRows = rows.Where(r => r.Cell(6).GetString() == "0301234567" || r.Cell(7).GetString().StartsWith('\'')).ToList();
        Assert.Equal(new DateTime(2025, 3, 11, 0, 30, 0), formulaRows[0].Cell(1).GetDateTime());
        Assert.Equal(XLDataType.Text, formulaRows[0].Cell(6).DataType);
        Assert.Equal(ExportPortal.FormulaNames.Select(n => "'" + n), formulaRows.Select(r => r.Cell(7).GetString()));
        Assert.All(rows, r => Assert.DoesNotContain(r.Cells(1, 14), c => c.HasFormula));
        Assert.Contains(rows, r => r.Cell(11).GetString() == "'" + ExportPortal.EvilConnectionName);
    }

    [Fact]
    public async Task CallsExport_TeamLead_HoldsOnlyTheirTeamsCalls()
    {
        using var client = await portal.SignedInAsync("teamlead");

        var bytes = await DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{ExportPortal.Range}&{Berlin}"));

        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        Assert.Contains("Limited to the calls of your teams: Support", sheet.Column(1).CellsUsed().Select(c => c.GetString()));
        var rows = ExportWorkbook.Rows(sheet, ExportWorkbook.RowOf(sheet, "Start") + 1);
        var support = portal.Teams["support"];
        Assert.Equal(portal.InRange.Count(c => support.Contains(c.Extension)), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Cell(4).GetString(), support));
    }

    [Theory]
    [InlineData("extension=100")]
    [InlineData("team=sales")]
    [InlineData("extension=100&extension=101&team=accounts")]
    public async Task CallsExport_TeamLeadNamingAnotherTeam_HoldsNoCalls(string filter)
    {
        using var client = await portal.SignedInAsync("teamlead");

        var response = await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{ExportPortal.Range}&{filter}&{Berlin}");

        using var workbook = ExportWorkbook.Open(await DownloadAsync(response));
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        Assert.Equal(ExportWorkbook.RowOf(sheet, "Start"), sheet.LastRowUsed()!.RowNumber());
        Assert.Equal("0", response.Headers.GetValues(ExportEndpoints.ExpectedRowsHeader).Single());
    }

    [Fact]
    public async Task CallsCount_TeamLead_CountsOnlyTheirTeamsCalls()
    {
        using var client = await portal.SignedInAsync("teamlead");

        var all = await client.Http.GetFromJsonAsync<CountAnswer>($"{ExportEndpoints.CallsCountPath}?{ExportPortal.Range}&{Berlin}");
        var other = await client.Http.GetFromJsonAsync<CountAnswer>($"{ExportEndpoints.CallsCountPath}?{ExportPortal.Range}&team=sales&{Berlin}");

        Assert.Equal(portal.InRange.Count(c => portal.Teams["support"].Contains(c.Extension)), all!.Rows);
        Assert.Equal(0, other!.Rows);
    }

    [Theory]
    [InlineData(ExportEndpoints.CallsPath)]
    [InlineData(ExportEndpoints.CallsCountPath)]
    [InlineData(ExportEndpoints.DashboardPath)]
    public async Task Export_SignedOut_IsRefusedWith401(string path)
    {
        using var client = portal.App.CreatePortalClient();

        var response = await client.Http.GetAsync($"{path}?{ExportPortal.Range}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not signed in", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_SignedOutBrowserNavigation_RedirectsToSignIn()
    {
        using var client = portal.App.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ExportEndpoints.CallsPath);
        request.Headers.Add("Sec-Fetch-Mode", "navigate");

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dev-oidc/connect/authorize", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(ExportEndpoints.CallsPath, ExportService.CallsAction)]
    [InlineData(ExportEndpoints.CallsCountPath, null)]
    [InlineData(ExportEndpoints.DashboardPath, ExportService.DashboardAction)]
    public async Task Export_UserWithoutRole_IsRefusedWith403InTheSecurityAndAuditLogs(string path, string? auditedAction)
    {
        using var client = await portal.SignedInAsync("guest");

        var response = await client.Http.GetAsync($"{path}?{ExportPortal.Range}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refusal = Assert.Single(portal.App.SecurityEvents, e => e.GetStructuredStateValue("Target") == $"GET {path}"
            && e.GetStructuredStateValue("UserName") == "Gale Guest");
        Assert.Equal(("requires one of the roles Admin, Supervisor", auditedAction ?? "request"),
            (refusal.GetStructuredStateValue("Reason"), refusal.GetStructuredStateValue("Action")));
        var audited = (await AuditAsync()).Where(e => e.UserName == "Gale Guest" && e.Target == $"GET {path}").ToList();
        if (auditedAction is null)
        {
            Assert.Empty(audited); // a count exports nothing
        }
        else
        {
            var entry = Assert.Single(audited);
            Assert.Equal((auditedAction, true, "requires one of the roles Admin, Supervisor", (long?)null), (entry.Action, entry.Refused, entry.Details, entry.RowCount));
        }
    }

    [Theory]
    [InlineData(ExportEndpoints.CallsPath)]
    [InlineData(ExportEndpoints.DashboardPath)]
    public async Task Export_CrossSiteRequest_IsRefusedWith403AndLogged(string path)
    {
        using var client = await portal.SignedInAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{ExportPortal.Range}&{Berlin}");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "navigate");
        var before = (await AuditAsync()).Count;

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("came from another site", await response.Content.ReadAsStringAsync());
        var entry = Assert.Single((await AuditAsync()).Skip(before));
        Assert.Equal((true, "dev-admin", $"GET {path}"), (entry.Refused, entry.UserId, entry.Target));
        Assert.Equal("a cross-site request (Sec-Fetch-Site: cross-site)", entry.Details);
        Assert.Contains(portal.App.SecurityEvents, e => e.GetStructuredStateValue("Target") == $"GET {path}" && e.GetStructuredStateValue("UserId") == "dev-admin");
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("same-site")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task Export_SameSiteOrTypedOrOlderBrowser_IsAllowed(string? fetchSite)
    {
        using var client = await portal.SignedInAsync("supervisor");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ExportEndpoints.CallsPath}?{ExportPortal.Range}&extension=108&{Berlin}");
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        var bytes = await DownloadAsync(await client.Http.SendAsync(request));

        Assert.NotEmpty(bytes);
    }

    [Theory]
    [InlineData(ExportEndpoints.CallsPath)]
    [InlineData(ExportEndpoints.DashboardPath)]
    public async Task Export_UnknownTimeZone_Is400WithMessage(string path)
    {
        using var client = await portal.SignedInAsync("supervisor");

        var response = await client.Http.GetAsync($"{path}?{ExportPortal.Range}&tz=Mars/Olympus_Mons");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown time zone \"Mars/Olympus_Mons\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CallsExport_NoTimeZone_ShowsUtc()
    {
        using var client = await portal.SignedInAsync("supervisor");

        var bytes = await DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{ExportPortal.Range}&extension=108"));

        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        Assert.Contains("Times in UTC", sheet.Column(1).CellsUsed().Select(c => c.GetString()));
        var first = ExportWorkbook.Rows(sheet, ExportWorkbook.RowOf(sheet, "Start") + 1)
            .Single(r => r.Cell(6).GetString() == "0301234567");
        Assert.Equal(new DateTime(2025, 3, 10, 23, 30, 0), first.Cell(1).GetDateTime());
    }

    [Fact]
    public async Task CallsExport_Completed_WritesAuditEntryWithRowCount()
    {
        using var client = await portal.SignedInAsync("admin");
        var query = $"{ExportPortal.Range}&direction=inbound&q=1234%20&{Berlin}";

        var bytes = await DownloadAsync(await client.Http.GetAsync($"{ExportEndpoints.CallsPath}?{query}"));

        using var workbook = ExportWorkbook.Open(bytes);
        var sheet = workbook.Worksheet(CallsExport.SheetName);
        var rows = ExportWorkbook.Rows(sheet, ExportWorkbook.RowOf(sheet, "Start") + 1).Count;
        Assert.Contains("Filter: direction: inbound; number or name: \"1234\"", sheet.Column(1).CellsUsed().Select(c => c.GetString()));
        var entry = (await AuditAsync()).Last(e => e.Action == ExportService.CallsAction);
        Assert.Equal(("dev-admin", "Alex Admin", (long?)rows), (entry.UserId, entry.UserName, entry.RowCount));
        Assert.Equal($"{ExportPortal.Range}&direction=inbound&q=1234 &{Berlin}", entry.Filter);
        Assert.Matches(@"^calls-\d{8}-\d{4}\.xlsx$", entry.Target);
        Assert.True(rows > 0);
    }

    private async Task<List<Portal.Web.Data.Entities.AuditEntry>> AuditAsync()
    {
        var contexts = portal.App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    internal static async Task<byte[]> DownloadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)])}");
        return bytes;
    }

    private sealed record CountAnswer(int Rows);
}
