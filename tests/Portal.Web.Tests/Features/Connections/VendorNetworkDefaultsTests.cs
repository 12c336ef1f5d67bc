using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Telephony.Http;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Portal:Vendors:AllowPrivateNetworks: on only while the sandbox runs in Development, unless set.</summary>
public sealed class VendorNetworkDefaultsTests
{
    [Theory]
    [InlineData(null, null, true)]        // Development with the sandbox (its emulators are on loopback)
    [InlineData(null, "false", false)]    // an explicit setting wins
    [InlineData("false", null, false)]    // no sandbox: no reason to reach private networks
    [InlineData("false", "true", true)]
    public void AllowPrivateNetworks_DevelopmentPortal_DependsOnTheSandboxUnlessSet(string? sandboxEnabled, string? setting, bool expected)
    {
        var settings = new Dictionary<string, string?>();
        if (sandboxEnabled is not null)
        {
            settings["Sandbox:Enabled"] = sandboxEnabled;
            settings["Authentication:Authority"] = "http://127.0.0.1:9/"; // never contacted by this test
        }
        if (setting is not null)
        {
            settings["Portal:Vendors:AllowPrivateNetworks"] = setting;
        }
        using var portal = PortalAppFactory.With(settings);

        Assert.Equal(expected, portal.Services.GetRequiredService<IOptions<VendorNetworkOptions>>().Value.AllowPrivateNetworks);
    }
}
