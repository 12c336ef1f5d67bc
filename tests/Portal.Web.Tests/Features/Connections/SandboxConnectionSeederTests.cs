using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Web.Features.Connections;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;

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

    public void Dispose() => _portal.Dispose();
}
