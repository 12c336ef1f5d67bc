using System.Net;

namespace Portal.Web.Tests.Features;

public class FrontEndAssetsTests(PortalAppFactory portal) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("/lib/apexcharts/apexcharts.min.js")] // built from wwwroot-assets by the normal dotnet build
    [InlineData("/js/portal.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task StaticAsset_Anonymous_IsServed(string path)
    {
        using var client = portal.CreatePortalClient();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
