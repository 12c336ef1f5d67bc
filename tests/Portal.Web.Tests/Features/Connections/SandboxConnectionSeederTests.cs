using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Company;
using Portal.Web.Data;
using Microsoft.Extensions.Hosting;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

public sealed class SandboxConnectionSeederTests : IDisposable
{
    private readonly PortalAppFactory _portal = PortalAppFactory.With(new() { [SandboxConnectionSeeder.SwitchKey] = "true" });

    [Fact]
    public async Task FirstRun_WithSandbox_CreatesOneWorkingConnectionPerVendorOnce()
    {
        var seeder = _portal.Services.GetServices<IHostedService>().OfType<SandboxConnectionSeeder>().Single();
        await seeder.ExecuteTask!;

        var rows = await _portal.Connections().ListAsync(Admin);
        Assert.Equal(VendorCatalog.All.Select(p => p.Vendor).Order(), rows.Select(r => r.Vendor).Order());
        Assert.All(rows, row => Assert.StartsWith(_portal.BaseAddress.ToString(), row.BaseUrl));
        Assert.All(rows, row => Assert.False(row.ManagedByConfiguration));
        foreach (var row in rows)
        {
            var error = await _portal.Connections().TestAsync(Admin, row.Id);
            Assert.True(error is null, $"{row.Name}: {error?.Message}");
        }

        Assert.Equal(0, await seeder.SeedAsync(_portal.BaseAddress.ToString(), CancellationToken.None));
        Assert.Equal(rows.Count, (await _portal.Connections().ListAsync(Admin)).Count);
    }

    [Fact]
    public async Task FirstRun_WithSandbox_CreatesTheCompanysTeams()
    {
        var seeder = _portal.Services.GetServices<IHostedService>().OfType<SandboxConnectionSeeder>().Single();
        await seeder.ExecuteTask!;

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var support = await db.Teams.Include(t => t.Extensions).SingleAsync(t => t.Key == "support");
        Assert.Equal(
            SandboxCompany.Extensions.Where(e => e.TeamKey == "support").Select(e => e.Number).Order(),
            support.Extensions.Select(e => e.Number).Order());
        Assert.Equal(SandboxCompany.Teams.Count, await db.Teams.CountAsync());
    }

    public void Dispose() => _portal.Dispose();
}
