using Portal.Sandbox.Traffic;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Tests.Unpod;

/// <summary>The sandbox with Sandbox:Unpod:RequireProductId (as the open-source server): the connection's Product ID makes the difference.</summary>
public sealed class ProductIdSandboxServer : IAsyncLifetime
{
    public SandboxServer Server { get; } = new() { Settings = { ["Sandbox:Unpod:RequireProductId"] = "true" } };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class UnpodAdapterProductIdTests(ProductIdSandboxServer fixture) : IClassFixture<ProductIdSandboxServer>
{
    private SandboxServer Server => fixture.Server;

    private VendorConnectionSettings Settings(string? productId)
    {
        var settings = UnpodTesting.Settings(Server);
        var secrets = settings.Secrets.ToDictionary();
        if (productId is not null)
        {
            secrets[VendorSecrets.ProductId] = productId;
        }
        return settings with { Secrets = secrets };
    }

    [Fact]
    public async Task ReadSince_WithTheProductId_ReadsEveryCall()
    {
        var truth = Server.GroundTruth(VendorKind.Unpod);

        var (calls, _, _) = await UnpodTesting.ReadAllAsync(UnpodTesting.Source(Server, Settings(UnpodSandbox.ProductId)), truth.Min(c => c.StartedAtUtc));

        Assert.Equal(truth.Select(UnpodExpectations.VendorCallId).Order(StringComparer.Ordinal), calls.Select(c => c.VendorCallId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TestConnection_WithoutProductId_SaysTheServerNeedsIt()
    {
        var error = await UnpodTesting.Source(Server, Settings(productId: null)).TestConnectionAsync(CancellationToken.None);

        Assert.Equal((VendorErrorKind.Rejected, 400), (error?.Kind, error?.StatusCode));
        Assert.Equal("Unpod rejected the request (400): Product-Id header is required. A self-hosted Unpod server also needs the connection's Product ID (sent as Product-Id).",
            error?.Message);
    }
}
