using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Tests.Data;

namespace Portal.Web.Tests.Auth;

public class UserSessionsPostgresTests
{
    [Fact]
    public async Task Session_OnPostgres_IsStartedCheckedAndEnded()
    {
        var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES to a PostgreSQL connection string (scripts/test.sh starts a local server and sets it).");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = await PostgresDatabases.CreateAsync(server),
            ["Authentication:Authority"] = "https://login.example.com/",
        });
        builder.AddPortalDatabase();
        builder.AddPortalAuthentication();
        using var host = builder.Build();
        await host.Services.InitializePortalDatabaseAsync();
        var sessions = host.Services.GetRequiredService<UserSessions>();

        var id = await sessions.StartAsync("user-1", "refresh-token", DateTime.UtcNow.AddMinutes(30), CancellationToken.None);
        var active = await sessions.CheckAsync(id, TimeSpan.FromMinutes(5), CancellationToken.None);
        await sessions.EndAsync(id, SessionEndReasons.SignedOut, CancellationToken.None);
        var ended = await sessions.CheckAsync(id, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(SessionStatus.Active, active.Status);
        Assert.Equal(SessionStatus.Ended, ended.Status);
        await using var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var row = await db.UserSessions.SingleAsync(s => s.Id == id);
        Assert.Equal(SessionEndReasons.SignedOut, row.EndReason);
        Assert.Equal(DateTimeKind.Utc, row.EndedAtUtc!.Value.Kind);
        Assert.NotEqual("refresh-token", row.ProtectedRefreshToken);
    }
}
