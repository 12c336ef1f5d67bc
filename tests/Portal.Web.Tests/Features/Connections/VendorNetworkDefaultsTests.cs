using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Telephony.Http;

namespace Portal.Web.Tests.Features.Connections;

/// <summary>Portal:Vendors:AllowPrivateNetworks: on only while the sandbox runs (Development, or a demo), unless set.</summary>
public sealed class VendorNetworkDefaultsTests
{
    [Theory]
    [InlineData("Development", null, null, true)]          // the sandbox's emulators are on loopback
    [InlineData("Development", null, "false", false)]      // an explicit setting wins
    [InlineData("Development", "false", null, false)]      // no sandbox: no reason to reach private networks
    [InlineData("Development", "false", "true", true)]
    [InlineData("Production", null, null, false)]
    [InlineData("Production", "true", null, true)]         // a demo outside Development: its vendors are the sandbox on loopback
    [InlineData("Production", "true", "false", false)]
    public void AllowPrivateNetworks_Start_IsOnOnlyWhileTheSandboxRunsUnlessSet(string environment, string? sandboxEnabled, string? setting,
        bool expected)
    {
        var settings = sandboxEnabled is null && environment == "Development" ? [] : ProductionStart.Settings();
        if (sandboxEnabled is not null)
        {
            settings["Sandbox:Enabled"] = settings["Sandbox:AllowOutsideDevelopment"] = sandboxEnabled;
        }
        if (setting is not null)
        {
            settings["Portal:Vendors:AllowPrivateNetworks"] = setting;
        }
        using var portal = PortalAppFactory.With(settings, environment);

        Assert.Equal(expected, portal.Services.GetRequiredService<IOptions<VendorNetworkOptions>>().Value.AllowPrivateNetworks);
    }
}
