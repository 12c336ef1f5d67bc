using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Telephony.Calls;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Features.Sync.Ingest;
using Portal.Web.Reporting;
using static Portal.Web.Tests.Features.Sync.SyncProbe;

namespace Portal.Web.Tests.Data.CallStore;

/// <summary>The deletion engine on both databases: exactly what was asked goes, everywhere, and the rollups stay exact.</summary>
public class CallDeletionEngineTests
{
    public static TheoryData<string> Providers => DatabaseHost.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Delete_MixedCallsOfTwoConnections_RemovesThemEverywhereAndRollupsEqualAGroupByOverTheRest(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var (contexts, engine) = Services(host);
        var calls = await MixedCalls.IngestAsync(host);
        List<(long Id, int ConnectionId, string VendorCallId)> chosen;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            chosen = (await db.Calls.Where(c => c.Id % 3 == 0 || (c.ConnectionId == calls.ConnectionA && c.Direction == CallDirection.Inbound))
                .Select(c => new { c.Id, c.ConnectionId, c.VendorCallId }).ToListAsync()).Select(c => (c.Id, c.ConnectionId, c.VendorCallId)).ToList();
        }
        var batches = new List<CallDeletionBatch>();

        var deleted = await engine.DeleteAsync(chosen.Select(c => c.Id).Append(999_999).Append(chosen[0].Id), CallDeletionScope.Calls,
            (batch, _) => { batches.Add(batch); return Task.CompletedTask; }, CancellationToken.None, batchSize: 7);

        Assert.Equal(chosen.Count, deleted);
        Assert.Equal(chosen.Select(c => c.Id).Order(), batches.SelectMany(b => b.DeletedIds).Order());
        Assert.Equal(deleted, batches[^1].DeletedSoFar);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var gone = chosen.Select(c => c.Id).ToHashSet();
            var remaining = await db.Calls.Select(c => c.Id).ToListAsync();
            Assert.Equal(2 * MixedCalls.PerConnection - chosen.Count, remaining.Count);
            Assert.DoesNotContain(remaining, gone.Contains);
            Assert.DoesNotContain(await db.Transcripts.Select(t => t.CallId).ToListAsync(), gone.Contains);
            Assert.DoesNotContain(await db.Set<Portal.Web.Data.Entities.TranscriptSegment>().Select(s => s.CallId).ToListAsync(), gone.Contains);
            Assert.DoesNotContain(await db.Recordings.Select(r => r.CallId).ToListAsync(), gone.Contains);
            var withTranscript = await db.Calls.Where(c => c.HasTranscript).Select(c => c.Id).OrderBy(id => id).ToListAsync();
            Assert.NotEmpty(withTranscript);
            Assert.Equal(withTranscript, (await TranscriptText.Matching(db, MixedCalls.TranscriptWord)!.ToListAsync()).Order());
            Assert.Equal(chosen.Select(c => (c.ConnectionId, c.VendorCallId)).Order(),
                (await db.CallTombstones.Select(t => new { t.ConnectionId, t.VendorCallId }).ToListAsync()).Select(t => (t.ConnectionId, t.VendorCallId)).Order());
        }
        await AssertRollupsMatchCallsAsync(contexts);

        // The vendors send every call again: the deleted ones are refused, the rest update and the rollups stay exact.
        var ingestor = host.Services.GetRequiredService<CallIngestor>();
        foreach (var (connectionId, page) in calls.Pages)
        {
            var result = await ingestor.IngestAsync(connectionId, page, [], null, CancellationToken.None);
            Assert.Equal((0, chosen.Count(c => c.ConnectionId == connectionId)), (result.Inserted, result.Tombstoned));
        }
        await AssertRollupsMatchCallsAsync(contexts);
        var space = await engine.ReclaimSpaceAsync(CancellationToken.None);
        Assert.True(space.BytesAfter <= space.BytesBefore);
        Assert.Equal(provider == "Sqlite", space.Note is null);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Delete_OneBatchThatChangesMoreRollupRowsThanOneStatementTakes_KeepsRollupsEqualToAGroupBy(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var (contexts, engine) = Services(host);
        int connectionId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var connection = new Portal.Web.Data.Entities.Connection { Name = "Many keys", Vendor = VendorKind.WebFones, BaseUrl = "http://localhost/" };
            db.Connections.Add(connection);
            await db.SaveChangesAsync();
            connectionId = connection.Id;
        }
        // 900 calls, each in its own hour and with one of 7 extensions: about 2,000 rollup rows over the four grains.
        var start = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        await host.Services.GetRequiredService<CallIngestor>().IngestAsync(connectionId, [.. Enumerable.Range(0, 900).Select(i => new NormalizedCall
        {
            VendorCallId = $"many-{i}",
            Direction = i % 2 == 0 ? CallDirection.Inbound : CallDirection.Outbound,
            Outcome = i % 5 == 0 ? CallOutcome.Missed : CallOutcome.Answered,
            StartedAtUtc = start.AddHours(i),
            DurationSeconds = i % 5 == 0 ? 0 : 20 + i,
            RingSeconds = 3 + i % 9,
            Extension = (200 + i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            RawPayload = "{}",
        })], [], null, CancellationToken.None);
        long[] chosen;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            chosen = await db.Calls.Where(c => c.Id % 4 != 0).Select(c => c.Id).ToArrayAsync();
        }

        var deleted = await engine.DeleteAsync(chosen, CallDeletionScope.Calls, null, CancellationToken.None, batchSize: 2_000);

        Assert.Equal(chosen.Length, deleted);
        await AssertRollupsMatchCallsAsync(contexts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteTranscriptsOnly_SelectedByAQuery_KeepsTheCallsClearsTheFlagAndSearchAndNoResyncBringsThemBack(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var (contexts, engine) = Services(host);
        var calls = await MixedCalls.IngestAsync(host);

        var deleted = await engine.DeleteAsync(db => db.Calls.Where(c => c.ConnectionId == calls.ConnectionA).Select(c => c.Id),
            CallDeletionScope.TranscriptsOnly, null, CancellationToken.None, batchSize: 9);

        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(calls.Pages[calls.ConnectionA].Count(c => c.Transcript is not null), deleted);
        Assert.Equal(2 * MixedCalls.PerConnection, await db.Calls.CountAsync());
        Assert.False(await db.Calls.AnyAsync(c => c.ConnectionId == calls.ConnectionA && c.HasTranscript));
        var connectionB = await db.Calls.Where(c => c.ConnectionId == calls.ConnectionB && c.HasTranscript).Select(c => c.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(connectionB, await db.Transcripts.Select(t => t.CallId).OrderBy(id => id).ToListAsync());
        Assert.Equal(connectionB, (await TranscriptText.Matching(db, MixedCalls.TranscriptWord)!.ToListAsync()).Order());
        Assert.Equal(2 * connectionB.Count, await db.Set<Portal.Web.Data.Entities.TranscriptSegment>().CountAsync());
        Assert.False(await db.CallTombstones.AnyAsync());
        await AssertRollupsMatchCallsAsync(contexts);

        // The vendor sends the calls again, transcripts included: the deleted transcripts stay deleted, the calls update.
        var ingestor = host.Services.GetRequiredService<CallIngestor>();
        Assert.Equal(MixedCalls.PerConnection, (await ingestor.IngestAsync(calls.ConnectionA, calls.Pages[calls.ConnectionA], [], null, CancellationToken.None)).Updated);
        await using var after = await contexts.CreateDbContextAsync();
        Assert.False(await after.Calls.AnyAsync(c => c.ConnectionId == calls.ConnectionA && (c.HasTranscript || c.TranscriptDeletedAtUtc == null)));
        Assert.Equal(connectionB, await after.Transcripts.Select(t => t.CallId).OrderBy(id => id).ToListAsync());
        Assert.Equal(connectionB, (await TranscriptText.Matching(after, MixedCalls.TranscriptWord)!.ToListAsync()).Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Delete_InterruptedAfterTwoBatchesAndRunAgain_DeletesTheRestAndCountsEachCallOnce(string provider)
    {
        using var host = await DatabaseHost.StartAsync(provider);
        var (contexts, engine) = Services(host);
        var calls = await MixedCalls.IngestAsync(host);
        long[] set;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            set = await db.Calls.Where(c => c.ConnectionId == calls.ConnectionB).Select(c => c.Id).ToArrayAsync();
        }
        using var stop = new CancellationTokenSource();
        long persisted = 0; // what a job would have stored after each batch
        Task Persist(CallDeletionBatch batch, CancellationToken _)
        {
            persisted = batch.DeletedSoFar;
            if (batch.DeletedSoFar == 10)
            {
                stop.Cancel(); // the portal stops after the second batch
            }
            return Task.CompletedTask;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.DeleteAsync(set, CallDeletionScope.Calls, Persist, stop.Token, batchSize: 5));
        var resumed = await engine.DeleteAsync(set, CallDeletionScope.Calls, null, CancellationToken.None, batchSize: 5);

        Assert.Equal(10, persisted);
        Assert.Equal(set.Length, persisted + resumed);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal([calls.ConnectionA], await db.Calls.Select(c => c.ConnectionId).Distinct().ToListAsync());
            Assert.Equal(set.Length, await db.CallTombstones.CountAsync());
        }
        await AssertRollupsMatchCallsAsync(contexts);
    }

    /// <summary>
    /// A sync page read before a delete and written while it runs: the ingest waits for the delete's connection lock, then
    /// finds the tombstone and refuses the call. (Without the lock, PostgreSQL would insert the call again once the delete
    /// commits.) SQLite gets the same from its single writer.
    /// </summary>
    [Fact]
    public async Task Ingest_WhileADeleteOfTheSameCallIsUncommitted_WaitsAndRefusesTheCall_Postgres()
    {
        using var host = await DatabaseHost.StartAsync("Postgres");
        var (contexts, _) = Services(host);
        var calls = await MixedCalls.IngestAsync(host);
        var page = calls.Pages[calls.ConnectionA][..3];
        await using var deleting = await contexts.CreateDbContextAsync();
        await deleting.Database.OpenConnectionAsync();
        var connection = deleting.Database.GetDbConnection();
        var ids = await deleting.Calls.Where(c => c.ConnectionId == calls.ConnectionA && c.VendorCallId == page[1].VendorCallId).Select(c => c.Id).ToListAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.Single(await CallDeleter.DeleteAsync(connection, transaction, ids, CallDeletionScope.Calls, DateTime.UtcNow, CancellationToken.None));

        var ingest = host.Services.GetRequiredService<CallIngestor>().IngestAsync(calls.ConnectionA, page, [], null, CancellationToken.None);
        await WaitUntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Database.SqlQuery<int>($"""SELECT COUNT(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""").SingleAsync() == 1;
        }, "the ingest waits for the delete");
        await transaction.CommitAsync();
        var result = await ingest;

        Assert.Equal((0, 2, 1), (result.Inserted, result.Updated, result.Tombstoned));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.False(await db.Calls.AnyAsync(c => c.Id == ids[0]));
        }
        await AssertRollupsMatchCallsAsync(contexts);
    }

    private static (IDbContextFactory<PortalDbContext> Contexts, CallDeletionEngine Engine) Services(IHost host) =>
        (host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), host.Services.GetRequiredService<CallDeletionEngine>());
}
