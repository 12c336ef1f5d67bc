using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Telephony.Calls;
using Portal.Web.Audit;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Retention.Holds;
using Portal.Web.Reporting;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>The wizard's queries on SQLite and PostgreSQL: the preview's counts per connection equal a GROUP BY of the calls, and an
/// erasure request by a number in three formats (E.164, national, with spaces and dashes) reaches the same calls on every vendor.</summary>
public class DeletionWizardDatabaseTests
{
    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Preview_FilterAndErasure_CountsEqualTheCalls(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await ErasureTargetTests.IngestAsync(portal.Host);
        var wizard = Wizard(portal);
        var filter = new CallFilter { Dashboard = new DashboardFilter { Range = DateRangePreset.Custom, From = new DateOnly(2026, 3, 1), To = new DateOnly(2026, 3, 3) } };

        var preview = await wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForFilter(filter), TimeZoneInfo.Utc);

        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            var expected = await db.Calls.GroupBy(c => c.ConnectionId).Select(g => new { g.Key, Calls = g.Count() }).OrderBy(g => g.Key).ToListAsync();
            Assert.Equal(expected.Select(e => (e.Key, e.Calls)), preview.Connections.OrderBy(c => c.ConnectionId).Select(c => (c.ConnectionId, c.Calls)));
        }
        string[] berlin = ["nfon-national", "nfon-leg", "webfones-0049", "cinnox-plus"];
        foreach (var typed in new[] { ErasureTargetTests.Berlin, "+49 (30) 4050-6070", "0049 30 40 50 60 70" })
        {
            var erasure = await wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForNumbers(typed), TimeZoneInfo.Utc);
            Assert.Equal(berlin.Order(), erasure.FirstCalls.Select(c => calls[c.Id]).Order());
            Assert.Equal([VendorKind.NfonCallHistory, VendorKind.WebFones, VendorKind.Cinnox], erasure.Vendors.Select(v => v.Vendor));
        }
        // National, with a dash: Berlin's number in the German connections' region; the US connection reads it as no number of its own.
        var national = await wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForNumbers("030 4050-6070"), TimeZoneInfo.Utc);
        Assert.Equal(new[] { "nfon-national", "nfon-leg", "webfones-0049" }.Order(), national.FirstCalls.Select(c => calls[c.Id]).Order());

        var id = await wizard.ConfirmAsync(RetentionHost.Admin, DeletionSelection.ForNumbers(ErasureTargetTests.Berlin), TimeZoneInfo.Utc,
            new DeletionConfirmation("GDPR-1", "4", 4, CallDeletionScope.Calls));
        await portal.Runner.RunPendingAsync(CancellationToken.None);
        var job = await portal.JobAsync(id);
        Assert.Equal((DeletionJobKind.Erasure, DeletionJobState.Completed, 4L), (job.Kind, job.State, job.DeletedCount));
        Assert.Equal(0, (await wizard.PreviewAsync(RetentionHost.Admin, DeletionSelection.ForNumbers(ErasureTargetTests.Berlin), TimeZoneInfo.Utc)).Total);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Preview_WithAHoldOnAConnection_CountsOnlyTheDeletableCallsAndNamesTheHold_AndTheJobKeepsTheHeldCall(string provider)
    {
        using var portal = await RetentionHost.CreateAsync(provider);
        var calls = await ErasureTargetTests.IngestAsync(portal.Host);
        var wizard = Wizard(portal);
        int webFones;
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            webFones = await db.Connections.Where(c => c.Vendor == VendorKind.WebFones).Select(c => c.Id).SingleAsync();
        }
        await portal.Host.Services.GetRequiredService<LegalHolds>().PlaceAsync(RetentionHost.Admin,
            new LegalHoldRequest(LegalHoldKind.Connection, webFones, null, null, "case 11"));
        var selection = DeletionSelection.ForNumbers(ErasureTargetTests.Berlin);

        var preview = await wizard.PreviewAsync(RetentionHost.Admin, selection, TimeZoneInfo.Utc);

        Assert.Equal(3, preview.Total);
        Assert.DoesNotContain(preview.FirstCalls, c => calls[c.Id] == "webfones-0049");
        var held = Assert.Single(preview.Held);
        Assert.Equal((LegalHoldKind.Connection, 1L), (held.Kind, held.Calls));
        Assert.Contains("case 11", held.Words);

        var id = await wizard.ConfirmAsync(RetentionHost.Admin, selection, TimeZoneInfo.Utc, new DeletionConfirmation("GDPR-2", "3", 3, CallDeletionScope.Calls));
        await portal.Runner.RunPendingAsync(CancellationToken.None);

        Assert.Equal(3L, (await portal.JobAsync(id)).DeletedCount);
        await using (var db = await portal.Contexts.CreateDbContextAsync())
        {
            Assert.True(await db.Calls.AnyAsync(c => c.VendorCallId == "webfones-0049"));
        }
    }

    /// <summary>The wizard over the host's services (its test host registers no reporting core: the call search is made here).</summary>
    private static DeletionWizard Wizard(RetentionHost portal)
    {
        var services = portal.Host.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        return new DeletionWizard(portal.Contexts, new CallSearch(portal.Contexts, clock), portal.Jobs, services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<SecurityLog>(), clock);
    }
}
