using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Sandbox.Tests;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Features.Retention;
using Portal.Web.Tests.Data.CallStore;

namespace Portal.Web.Tests.Features.Retention;

/// <summary>
/// The real portal (Kestrel, SQLite, development sign-in, fixed clock) with <see cref="MixedCalls"/> and one deletion job the
/// runner completed (every other call of connection A, plus an id that does not exist); the deleted calls' numbers, names and
/// vendor ids are kept here, read before the delete. The runner is not hosted here (the fixture runs it once), so the jobs
/// that are not finished, written straight into the table after that, stay as they are.
/// </summary>
public sealed class CertificatePortal : IAsyncLifetime
{
    public const string DeletedName = "Erika Mustermann";
    public const string Selection = "every other call of connection A";

    public PortalAppFactory App { get; } = PortalAppFactory.With(
        new() { ["Sync:Enabled"] = "false" },
        services: s =>
        {
            s.AddFixedClock(new FixedStartClock());
            // The runner's hosted registration is a factory lambda declared in AddRetention: without it, nothing runs jobs by itself.
            s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService)
                && d.ImplementationFactory?.Method.DeclaringType?.DeclaringType == typeof(RetentionServiceCollectionExtensions)));
        });

    public IDbContextFactory<PortalDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    public long CompletedJobId { get; private set; }
    public long[] DeletedIds { get; private set; } = [];
    /// <summary>Connection A (NFON Call History, without credentials: its vendor deletes fail), and the deleted calls' transcripts and recordings.</summary>
    public int ConnectionA { get; private set; }
    public int DeletedTranscripts { get; private set; }
    public int DeletedRecordings { get; private set; }
    /// <summary>External numbers (as stored and as sent), names and vendor ids of the deleted calls.</summary>
    public List<string> DeletedContent { get; } = [];
    public Dictionary<DeletionJobState, long> UnfinishedJobIds { get; } = [];
    /// <summary>A cancelled transcripts-only job (written straight into the tables) that deleted 900002 and 900010 of four items.</summary>
    public long CancelledJobId { get; private set; }

    public async Task InitializeAsync()
    {
        var calls = await MixedCalls.IngestAsync(App.Services);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            DeletedIds = await db.Calls.Where(c => c.ConnectionId == calls.ConnectionA && c.Id % 2 == 0).Select(c => c.Id).OrderBy(id => id).ToArrayAsync();
            await db.Calls.Where(c => DeletedIds.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalName, DeletedName));
            ConnectionA = calls.ConnectionA;
            DeletedTranscripts = await db.Transcripts.CountAsync(t => DeletedIds.Contains(t.CallId));
            DeletedRecordings = await db.Recordings.CountAsync(r => DeletedIds.Contains(r.CallId));
            foreach (var call in await db.Calls.AsNoTracking().Where(c => DeletedIds.Contains(c.Id)).ToListAsync())
            {
                DeletedContent.AddRange(new[] { call.ExternalNumber, call.ExternalNumberOriginal, call.ExternalName, call.VendorCallId }
                    .Where(s => !string.IsNullOrEmpty(s))!);
            }
        }
        var jobs = App.Services.GetRequiredService<DeletionJobs>();
        CompletedJobId = await jobs.CreateAsync(RetentionHost.Admin,
            new DeletionJobRequest(DeletionJobKind.Erasure, CallDeletionScope.Calls, [.. DeletedIds, 999_999], "TICKET-12", Selection));
        await App.Services.GetRequiredService<DeletionJobRunner>().RunPendingAsync(CancellationToken.None);
        Assert.Equal(DeletionJobState.Completed, (await jobs.GetAsync(RetentionHost.Admin, CompletedJobId))!.State);

        await using (var db = await Contexts.CreateDbContextAsync())
        {
            foreach (var state in new[] { DeletionJobState.Pending, DeletionJobState.Running, DeletionJobState.Paused, DeletionJobState.Failed })
            {
                var job = new DeletionJob
                {
                    Kind = DeletionJobKind.WizardFilter, Scope = CallDeletionScope.Calls, State = state, RequestedByUserId = "admin-1",
                    RequestedByName = "Ada Admin", Reason = "later", CreatedAtUtc = FixedStartClock.DefaultStart.UtcDateTime,
                };
                db.DeletionJobs.Add(job);
                await db.SaveChangesAsync();
                UnfinishedJobIds[state] = job.Id;
            }
            var cancelled = new DeletionJob
            {
                Kind = DeletionJobKind.PolicyPurge, Scope = CallDeletionScope.TranscriptsOnly, State = DeletionJobState.Cancelled,
                RequestedByUserId = "admin-1", RequestedByName = "Ada Admin", Reason = "purge\nFake line: injected",
                CreatedAtUtc = FixedStartClock.DefaultStart.UtcDateTime, SelectedCount = 4, ProcessedCount = 3, DeletedCount = 2,
            };
            db.DeletionJobs.Add(cancelled);
            await db.SaveChangesAsync();
            db.DeletionJobItems.AddRange(
                new DeletionJobItem { JobId = cancelled.Id, CallId = 900_010, Done = true, Deleted = true },
                new DeletionJobItem { JobId = cancelled.Id, CallId = 900_002, Done = true, Deleted = true },
                new DeletionJobItem { JobId = cancelled.Id, CallId = 900_003, Done = true, Deleted = false },
                new DeletionJobItem { JobId = cancelled.Id, CallId = 900_004, Done = false, Deleted = false });
            await db.SaveChangesAsync();
            CancelledJobId = cancelled.Id;
        }
    }

    public async Task<PortalClient> SignedInAsync(string user)
    {
        var client = App.CreatePortalClient();
        await client.SignInAsync(user, user);
        return client;
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
