using Portal.Sandbox.Company;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiDirectoryTests(NfonCtiFixture fixture) : IClassFixture<NfonCtiFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Server.ClearFaults(VendorKind.NfonCti);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ListExtensionsAsync_SandboxTenant_ReturnsEveryExtensionWithNameAndUuid()
    {
        var extensions = await fixture.Adapter<IExtensionDirectory>().ListExtensionsAsync(CancellationToken.None);

        var expected = SandboxCompany.Extensions.Select(e => new DirectoryExtension(e.Number, e.Name, $"{e.Number}@{NfonCtiSandbox.Tenant}"));
        Assert.Equal(expected, extensions);
    }

    [Fact]
    public async Task ListExtensionsAsync_RateLimitStorm_WaitsItOut()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>();
        await adapter.TestConnectionAsync(CancellationToken.None);
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { RateLimitNextRequests = 2, RetryAfterSeconds = 1 });

        var extensions = await adapter.ListExtensionsAsync(CancellationToken.None);

        Assert.Equal(SandboxCompany.Extensions.Count, extensions.Count);
        Assert.Equal(0, fixture.Server.Faults.Get(VendorKind.NfonCti).RateLimitNextRequests);
    }

    [Fact]
    public async Task ListExtensionsAsync_ServerErrorBurst_IsRetried()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>();
        await adapter.TestConnectionAsync(CancellationToken.None);
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { FailNextRequests = 2 });

        var extensions = await adapter.ListExtensionsAsync(CancellationToken.None);

        Assert.Equal(SandboxCompany.Extensions.Count, extensions.Count);
        Assert.Equal(0, fixture.Server.Faults.Get(VendorKind.NfonCti).FailNextRequests);
    }

    [Fact]
    public async Task ListExtensionsAsync_LongerOutage_ThrowsUnavailableWithTheVendorsWords()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>();
        await adapter.TestConnectionAsync(CancellationToken.None);
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { FailNextRequests = 4 }); // one try and three retries

        var thrown = await Assert.ThrowsAsync<VendorException>(() => adapter.ListExtensionsAsync(CancellationToken.None));

        Assert.Equal(VendorErrorKind.Unavailable, thrown.Error.Kind);
        Assert.Equal("NFON CTI failed (500): Internal server error (injected by the sandbox).", thrown.Error.Message);
    }

    [Fact]
    public async Task ListExtensionsAsync_MalformedEntries_AreLeftOutWithoutFailing()
    {
        var adapter = fixture.Adapter<IExtensionDirectory>();
        await adapter.TestConnectionAsync(CancellationToken.None);
        fixture.Server.Faults.Set(VendorKind.NfonCti, new VendorFaults { MalformedRate = 1 });

        var extensions = await adapter.ListExtensionsAsync(CancellationToken.None);

        Assert.Empty(extensions);
    }
}
