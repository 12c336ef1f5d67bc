using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;

namespace Portal.Web.Tests.Auth;

/// <summary>A portal whose open circuits check their session every second.</summary>
public sealed class RevalidatingPortal : IDisposable
{
    public PortalAppFactory App { get; } = PortalAppFactory.With(new() { ["Authentication:RevalidationInterval"] = "00:00:01" });

    public void Dispose() => App.Dispose();
}

public class UserSessionsTests(RevalidatingPortal fixture) : IClassFixture<RevalidatingPortal>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private PortalAppFactory Portal => fixture.App;

    [Fact]
    public async Task SignIn_Supervisor_RecordsSessionWithEncryptedRefreshToken()
    {
        using var client = Portal.CreatePortalClient();

        var session = await SignInAsync(client, "supervisor");

        Assert.Equal("dev-supervisor", session.UserId);
        Assert.Null(session.EndedAtUtc);
        Assert.NotNull(session.ProtectedRefreshToken);
        Assert.True(session.AccessTokenExpiresAtUtc > DateTime.UtcNow);
    }

    [Fact]
    public async Task SignOut_CopyOfTheCookie_IsRefusedAfterwards()
    {
        using var client = Portal.CreatePortalClient();
        var session = await SignInAsync(client, "supervisor");
        var token = PortalClient.ReadForm(await PortalClient.ReadOkHtmlAsync(await client.Http.GetAsync("/no-access")))["__RequestVerificationToken"];
        using var copiedCookies = new PortalClient(Portal.BaseAddress);
        foreach (Cookie cookie in client.Cookies.GetAllCookies())
        {
            copiedCookies.Cookies.Add(cookie);
        }

        var signedOut = await client.Http.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(SessionEndReasons.SignedOut, (await FindAsync(session.Id)).EndReason);
        var afterwards = await copiedCookies.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("/dev-oidc/connect/authorize", afterwards.Headers.Location!.ToString());
        Assert.Contains(afterwards.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Portal.Session=;", StringComparison.Ordinal)); // deleted
    }

    [Fact]
    public async Task Request_ProviderRefusesTheRefresh_EndsTheSession()
    {
        using var client = Portal.CreatePortalClient();
        var session = await SignInAsync(client, "supervisor");
        await ExpireWithRefusedRefreshTokenAsync(session.Id);

        var response = await client.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dev-oidc/connect/authorize", response.Headers.Location!.ToString());
        Assert.Equal(SessionEndReasons.RefreshRefused, (await FindAsync(session.Id)).EndReason);
    }

    [Fact]
    public async Task Circuit_SessionSignedOutElsewhere_BecomesAnonymous()
    {
        using var client = Portal.CreatePortalClient();
        var session = await SignInAsync(client, "supervisor");
        using var circuit = Portal.Services.CreateScope();
        var changes = OpenCircuit(circuit, session);

        await Portal.Services.GetRequiredService<UserSessions>().EndAsync(session.Id, SessionEndReasons.SignedOut, CancellationToken.None);

        var state = await changes.Task.WaitAsync(Patience);
        Assert.False(state.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task Circuit_ProviderRefusesTheRefreshAfterExpiry_BecomesAnonymousAndEndsTheSession()
    {
        using var client = Portal.CreatePortalClient();
        var session = await SignInAsync(client, "supervisor");
        using var circuit = Portal.Services.CreateScope();
        var changes = OpenCircuit(circuit, session);

        await ExpireWithRefusedRefreshTokenAsync(session.Id);

        var state = await changes.Task.WaitAsync(Patience);
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.Equal(SessionEndReasons.RefreshRefused, (await FindAsync(session.Id)).EndReason);
    }

    [Fact]
    public async Task Circuit_AccessTokenExpired_RefreshesAtTheProviderAndKeepsTheUser()
    {
        using var client = Portal.CreatePortalClient();
        var session = await SignInAsync(client, "supervisor");
        using var circuit = Portal.Services.CreateScope();
        var changes = OpenCircuit(circuit, session);
        var expired = DateTime.UtcNow.AddSeconds(-1);

        await UpdateAsync(session.Id, s => s.AccessTokenExpiresAtUtc = expired);

        var deadline = DateTime.UtcNow + Patience;
        while ((await FindAsync(session.Id)).AccessTokenExpiresAtUtc <= expired)
        {
            Assert.True(DateTime.UtcNow < deadline, "The circuit did not refresh the expired session");
            await Task.Delay(100);
        }
        Assert.Null((await FindAsync(session.Id)).EndedAtUtc);
        Assert.False(changes.Task.IsCompleted);
    }

    /// <summary>Signs in and returns the session that sign-in started.</summary>
    private async Task<UserSession> SignInAsync(PortalClient client, string username)
    {
        var before = await SessionIdsAsync();
        await PortalClient.ReadOkHtmlAsync(await client.SignInAsync(username, username));
        var started = Assert.Single((await SessionIdsAsync()).Except(before));
        return await FindAsync(started);
    }

    /// <summary>Plays an open circuit of this session's user; completes with the first change of its state.</summary>
    private static TaskCompletionSource<AuthenticationState> OpenCircuit(IServiceScope circuit, UserSession session)
    {
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", session.UserId), new Claim("role", "Supervisor"), new Claim(UserSessions.ClaimType, session.Id)], "test", "name", "role"));
        // What the circuit does when it starts: the user of the hub connection's request.
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);
        return changed;
    }

    /// <summary>The access token has expired, and the stored refresh token is one the provider never issued.</summary>
    private Task ExpireWithRefusedRefreshTokenAsync(string id) => UpdateAsync(id, s =>
    {
        s.AccessTokenExpiresAtUtc = DateTime.UtcNow.AddSeconds(-1);
        s.ProtectedRefreshToken = Portal.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(UserSessions.RefreshTokenPurpose).Protect("a refresh token the provider never issued");
    });

    private async Task<List<string>> SessionIdsAsync()
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.UserSessions.Select(s => s.Id).ToListAsync();
    }

    private async Task<UserSession> FindAsync(string id)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.UserSessions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private async Task UpdateAsync(string id, Action<UserSession> change)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        change(await db.UserSessions.SingleAsync(s => s.Id == id));
        await db.SaveChangesAsync();
    }

    private IDbContextFactory<PortalDbContext> Contexts() => Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
}
