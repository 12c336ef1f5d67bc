using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Portal.Web.Auth;
using Portal.Web.Components.Shared;
using Portal.Web.Audit;
using Portal.Web.Vendors;
using Portal.Web.Features.Connections;

namespace Portal.Components.Tests.Shared;

/// <summary>A page the router refuses in an interactive circuit is written to the security log; the /no-access page itself is not.</summary>
public class NoAccessNoticeTests : PortalComponentTest
{
    private readonly FakeLogCollector _logs = new();

    public NoAccessNoticeTests()
    {
        Services.AddSingleton(new SecurityLog(new LoggerFactory([new FakeLoggerProvider(_logs)])));
        Services.AddSingleton(new PortalAuthenticationOptions());
        AddAuthorization().SetAuthorized("Sam Supervisor").SetClaims(new Claim("sub", "dev-supervisor"), new Claim("role", PortalRoles.Supervisor));
    }

    [Fact]
    public void Render_RefusedPage_WritesOneSecurityEvent()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/connections?nfon=connected");

        var notice = Render<CascadingAuthenticationState>(p => p.AddChildContent<NoAccessNotice>(n => n.Add(x => x.RefusedPage, typeof(ConnectionsPage))));
        notice.Render(); // a re-render logs nothing more

        var refusal = Assert.Single(_logs.GetSnapshot());
        Assert.Equal((SecurityLog.Category, SecurityLog.RefusedEventId), (refusal.Category, refusal.Id.Id));
        Assert.Equal(("dev-supervisor", "Sam Supervisor", "page", "/connections", "requires the Admin policy"),
            (refusal.GetStructuredStateValue("UserId"), refusal.GetStructuredStateValue("UserName"), refusal.GetStructuredStateValue("Action"),
                refusal.GetStructuredStateValue("Target"), refusal.GetStructuredStateValue("Reason")));
    }

    [Fact]
    public void Render_NoAccessPage_WritesNothing()
    {
        Render<CascadingAuthenticationState>(p => p.AddChildContent<NoAccessNotice>());

        Assert.Empty(_logs.GetSnapshot());
    }
}
