using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Connections;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;
using Portal.Web.Features.Retention;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Tests.Features.Sync;
using Portal.Telephony.Calls;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Features.Connections;

public class ConnectionServiceTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Add_Admin_EncryptsSecretsAndAudits()
    {
        var name = UniqueName("WebFones");

        var id = await portal.Connections().AddAsync(Admin, portal.WebFonesDraft(name));

        Assert.DoesNotContain(WebFonesSandbox.ApiKey, await portal.RawSecretsColumnAsync(id));
        Assert.Equal(WebFonesSandbox.ApiKey, (await portal.StoredSecretsAsync(id))[VendorSecrets.ApiKey]);
        var entry = Assert.Single(await portal.AuditAsync(name));
        Assert.Equal(("connection.add", "dev-admin"), (entry.Action, entry.UserId));
        Assert.DoesNotContain(WebFonesSandbox.ApiKey, entry.Details);
    }

    [Fact]
    public async Task ListAndGet_Admin_NeverReturnSecrets()
    {
        var connections = portal.Connections();
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(UniqueName("Listed")));

        var listed = JsonSerializer.Serialize(await connections.ListAsync(Admin));
        var details = (await connections.GetAsync(Admin, id))!;

        Assert.DoesNotContain(WebFonesSandbox.ApiKey, listed);
        Assert.DoesNotContain(WebFonesSandbox.ApiKey, JsonSerializer.Serialize(details));
        Assert.Empty(details.Draft.Secrets);
        Assert.Equal([VendorSecrets.ApiKey], details.StoredSecretNames);
    }

    [Fact]
    public async Task Update_EmptySecretFields_KeepsStoredSecrets()
    {
        var connections = portal.Connections();
        var name = UniqueName("Kept");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.PollIntervalSeconds = 300;
        edited.Secrets[VendorSecrets.ApiKey] = "";

        await connections.UpdateAsync(Admin, id, edited);

        Assert.Equal(300, (await portal.ConnectionAsync(id))!.PollIntervalSeconds);
        Assert.Equal(WebFonesSandbox.ApiKey, (await portal.StoredSecretsAsync(id))[VendorSecrets.ApiKey]);
        var update = (await portal.AuditAsync(name)).Last();
        Assert.Equal("connection.update", update.Action);
        Assert.Contains("PollIntervalSeconds", update.Details);
    }

    [Fact]
    public async Task Update_NewSecret_ReplacesStoredSecret()
    {
        var connections = portal.Connections();
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(UniqueName("Replaced")));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.Secrets[VendorSecrets.ApiKey] = "a-new-key";

        await connections.UpdateAsync(Admin, id, edited);

        Assert.Equal("a-new-key", (await portal.StoredSecretsAsync(id))[VendorSecrets.ApiKey]);
        Assert.DoesNotContain("a-new-key", await portal.RawSecretsColumnAsync(id));
    }

    [Fact]
    public async Task PauseResumeRemove_Admin_ChangeAndAuditEach()
    {
        var connections = portal.Connections();
        var name = UniqueName("Lifecycle");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));

        await connections.PauseAsync(Admin, id);
        Assert.True((await portal.ConnectionAsync(id))!.IsPaused);
        await connections.ResumeAsync(Admin, id);
        Assert.False((await portal.ConnectionAsync(id))!.IsPaused);
        await portal.QueryAsync(db =>
        {
            db.CallTombstones.Add(new CallTombstone { ConnectionId = id, VendorCallId = "deleted-1", DeletedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await connections.RemoveAsync(Admin, id);

        Assert.Null(await portal.ConnectionAsync(id));
        Assert.False(await portal.QueryAsync(db => db.CallTombstones.AnyAsync(t => t.ConnectionId == id)));
        Assert.Equal(["connection.add", "connection.pause", "connection.resume", "connection.remove"],
            (await portal.AuditAsync(name)).Select(e => e.Action));
    }

    [Fact]
    public async Task Remove_WithCalls_PausesAndStartsADeletionJob_WhichRemovesTheConnection()
    {
        var connections = portal.Connections();
        var name = UniqueName("Removed with calls");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        await connections.PauseAsync(Admin, id);
        await portal.Services.GetRequiredService<CallIngestor>().IngestAsync(id,
        [
            new NormalizedCall { VendorCallId = "removed-1", Direction = CallDirection.Inbound, Outcome = CallOutcome.Answered, StartedAtUtc = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), RawPayload = "{}" },
            new NormalizedCall { VendorCallId = "removed-2", Direction = CallDirection.Inbound, Outcome = CallOutcome.Answered, StartedAtUtc = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), RawPayload = "{}" },
        ], [], null, CancellationToken.None);

        var jobId = await connections.RemoveAsync(Admin, id);

        Assert.NotNull(jobId);
        await SyncProbe.WaitUntilAsync(async () => await portal.ConnectionAsync(id) is null, "the removal job has removed the connection");
        Assert.False(await portal.QueryAsync(db => db.Calls.AnyAsync(c => c.ConnectionId == id)));
        var audit = await portal.AuditAsync(name);
        Assert.Equal(["connection.add", "connection.pause", "connection.remove", "connection.remove"], audit.Select(e => e.Action));
        Assert.Contains($"deletion job {jobId}", audit[2].Details);
        Assert.Equal(DeletionJobRunner.RunnerUser.Id, audit[3].UserId);
    }

    [Fact]
    public async Task ResyncFrom_NoCursorYet_InsertsRecordsCursorAtDateAndAudits()
    {
        var connections = portal.Connections();
        var name = UniqueName("Resync");
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var from = new DateTime(2026, 1, 5, 23, 0, 0, DateTimeKind.Utc);

        await connections.ResyncFromAsync(Admin, id, from);
        await connections.SyncNowAsync(Admin, id);

        var cursor = await portal.QueryAsync(db => db.SyncCursors.SingleAsync(c => c.ConnectionId == id && c.Stream == SyncStreams.Records));
        Assert.Equal(from, cursor.WatermarkUtc);
        Assert.Equal(from, (await connections.GetAsync(Admin, id))!.Row.WatermarkUtc);
        Assert.Equal(["connection.add", "connection.resync", "connection.sync-now"], (await portal.AuditAsync(name)).Select(e => e.Action));
    }

    [Fact]
    public async Task Add_DuplicateNameOrMissingSecret_IsRefusedWithReason()
    {
        var connections = portal.Connections();
        var name = UniqueName("Twice");
        await connections.AddAsync(Admin, portal.WebFonesDraft(name));
        var withoutKey = portal.WebFonesDraft(UniqueName("No key"));
        withoutKey.Secrets.Clear();

        var duplicate = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.AddAsync(Admin, portal.WebFonesDraft(name.ToUpperInvariant())));
        var missing = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.AddAsync(Admin, withoutKey));

        Assert.Contains("already called", duplicate.Message);
        Assert.Contains("API key is required", missing.Message);
    }

    [Fact]
    public async Task Test_SandboxWithRightKey_Succeeds()
    {
        var id = await portal.Connections().AddAsync(Admin, portal.WebFonesDraft(UniqueName("Right key")));

        Assert.Null(await portal.Connections().TestAsync(Admin, id));
    }

    [Fact]
    public async Task Test_SandboxWithWrongKey_SaysWhatIsWrong()
    {
        var error = await portal.Connections().TestAsync(Admin, portal.WebFonesDraft("not saved", apiKey: "wrong-key"), null);

        Assert.NotNull(error);
        Assert.Equal(VendorErrorKind.Authentication, error.Kind);
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task Test_DraftWithEmptySecretWhileEditing_UsesStoredSecret()
    {
        var connections = portal.Connections();
        var id = await connections.AddAsync(Admin, portal.WebFonesDraft(UniqueName("Stored key")));
        var edited = (await connections.GetAsync(Admin, id))!.Draft;

        Assert.Null(await connections.TestAsync(Admin, edited, id));
    }

    [Fact]
    public async Task Test_UnpodWithUnknownOrgHandle_WarnsNoCallsFoundInsteadOfConnected()
    {
        var draft = portal.UnpodDraft("not saved", orgHandle: "not-our-org");

        var result = await portal.Connections().TestAsync(Admin, draft, null);

        Assert.Equal(MudBlazor.Severity.Warning, ConnectionStatusText.TestSeverity(result));
        Assert.StartsWith("No calls found for this organisation handle ('not-our-org').", ConnectionStatusText.TestMessage(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnpodWithTheSandboxHandle_Works()
    {
        var result = await portal.Connections().TestAsync(Admin, portal.UnpodDraft("not saved"), null);

        Assert.Equal((MudBlazor.Severity.Success, ConnectionStatusText.TestWorks), (ConnectionStatusText.TestSeverity(result), ConnectionStatusText.TestMessage(result)));
    }
}
