using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>A connection change and its audit entry are saved together: when the audit entry cannot be written, the change is not made.</summary>
public sealed class ConnectionAuditTransactionTests : IDisposable
{
    private static readonly DateTime ResyncFrom = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private readonly FailingAuditWrites _failing = new();
    private readonly PortalAppFactory _portal;

    public ConnectionAuditTransactionTests() =>
        _portal = PortalAppFactory.WithServices(services =>
            services.ConfigureDbContext<SqlitePortalDbContext>(options => options.AddInterceptors(_failing), ServiceLifetime.Singleton));

    [Theory]
    [InlineData("Update")]
    [InlineData("Pause")]
    [InlineData("Remove")]
    [InlineData("ResyncFrom")]
    public async Task Change_AuditWriteFails_ChangeIsRolledBack(string change)
    {
        var connections = _portal.Connections();
        var name = UniqueName("Unaudited");
        var id = await connections.AddAsync(Admin, _portal.WebFonesDraft(name));
        await _portal.QueryAsync(db =>
        {
            db.CallTombstones.Add(new CallTombstone { ConnectionId = id, VendorCallId = "deleted-1", DeletedAtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var edited = (await connections.GetAsync(Admin, id))!.Draft;
        edited.Name = name + " renamed";
        _failing.Armed = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => change switch
        {
            "Update" => connections.UpdateAsync(Admin, id, edited),
            "Pause" => connections.PauseAsync(Admin, id),
            "Remove" => connections.RemoveAsync(Admin, id),
            "ResyncFrom" => connections.ResyncFromAsync(Admin, id, ResyncFrom),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        });

        var connection = await _portal.ConnectionAsync(id);
        Assert.Equal((name, false), (connection!.Name, connection.IsPaused));
        Assert.True(await _portal.QueryAsync(db => db.CallTombstones.AnyAsync(t => t.ConnectionId == id)));
        Assert.False(await _portal.QueryAsync(db => db.SyncCursors.AnyAsync(c => c.ConnectionId == id && c.WatermarkUtc == ResyncFrom)));
        Assert.Equal(["connection.add"], (await _portal.AuditAsync(name)).Select(e => e.Action));
    }

    public void Dispose() => _portal.Dispose();

    /// <summary>Fails any save that inserts an audit entry, once armed (as a full disk or a lost database would).</summary>
    private sealed class FailingAuditWrites : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            Armed && eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
                ? throw new InvalidOperationException("The audit log cannot be written.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
