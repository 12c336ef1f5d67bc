using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Vendors;
using static Portal.Web.Tests.Features.Connections.ConnectionTesting;
using Portal.Web.Features.Connections;

namespace Portal.Web.Tests.Features.Connections;

public sealed class ConfiguredConnectionsTests : IDisposable
{
    private const string Declared = "Configured WebFones";
    private const string DeclaredKey = "configured-secret-key";

    private readonly PortalAppFactory _portal = PortalAppFactory.With(new()
    {
        ["Portal:Connections:0:Name"] = Declared,
        ["Portal:Connections:0:Vendor"] = "WebFones",
        ["Portal:Connections:0:BaseUrl"] = "https://webfones.example.test:2343",
        ["Portal:Connections:0:PhoneRegion"] = "US",
        ["Portal:Connections:0:TimeZone"] = "America/New_York",
        ["Portal:Connections:0:PollIntervalSeconds"] = "120",
        ["Portal:Connections:0:ApiKey"] = DeclaredKey,
        // Invalid: WebFones needs a time zone, and the URL is not http(s); skipped, not fatal.
        ["Portal:Connections:1:Name"] = "Broken WebFones",
        ["Portal:Connections:1:Vendor"] = "WebFones",
        ["Portal:Connections:1:BaseUrl"] = "webfones.example.test",
        ["Portal:Connections:1:ApiKey"] = BrokenKey,
    });
    private const string BrokenKey = "broken-secret-key";

    [Fact]
    public async Task Startup_DeclaredConnection_IsStoredManagedWithEncryptedSecret()
    {
        var row = Assert.Single(await _portal.Connections().ListAsync(Admin));

        Assert.Equal((Declared, VendorKind.WebFones, true), (row.Name, row.Vendor, row.ManagedByConfiguration));
        Assert.Equal(120, (await _portal.ConnectionAsync(row.Id))!.PollIntervalSeconds);
        Assert.Equal(DeclaredKey, (await _portal.StoredSecretsAsync(row.Id))[VendorSecrets.ApiKey]);
        Assert.DoesNotContain(DeclaredKey, await _portal.RawSecretsColumnAsync(row.Id));
        var audit = Assert.Single(await _portal.AuditAsync(Declared));
        Assert.Equal(("connection.add", "configuration"), (audit.Action, audit.UserId));
    }

    [Fact]
    public async Task EditAndRemove_ManagedConnection_AreRefusedButPauseWorks()
    {
        var connections = _portal.Connections();
        var row = Assert.Single(await connections.ListAsync(Admin));
        var draft = (await connections.GetAsync(Admin, row.Id))!.Draft;
        draft.PollIntervalSeconds = 600;

        var edit = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.UpdateAsync(Admin, row.Id, draft));
        var remove = await Assert.ThrowsAsync<ConnectionChangeRefusedException>(() => connections.RemoveAsync(Admin, row.Id));
        await connections.PauseAsync(Admin, row.Id);

        Assert.All([edit, remove], refusal => Assert.Contains("managed by configuration", refusal.Message));
        var stored = (await _portal.ConnectionAsync(row.Id))!;
        Assert.Equal((120, true), (stored.PollIntervalSeconds, stored.IsPaused));
    }

    [Fact]
    public async Task Startup_InvalidDeclaredConnection_IsSkippedAndLoggedByFieldWithoutSecret()
    {
        var log = new CapturingLoggerProvider();
        _portal.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var configured = _portal.Services.GetServices<IHostedService>().OfType<ConfiguredConnections>().Single();

        await configured.StartAsync(CancellationToken.None); // applied again: nothing changes, the broken entry is reported again

        Assert.False(await _portal.QueryAsync(db => db.Connections.AnyAsync(c => c.Name == "Broken WebFones")));
        Assert.Single(await _portal.AuditAsync(Declared));
        var errors = log.Messages.Where(m => m.Contains("Broken WebFones")).ToList();
        Assert.Contains(errors, m => m.Contains("Portal:Connections:1") && m.Contains("TimeZone"));
        Assert.Contains(errors, m => m.Contains("BaseUrl"));
        Assert.DoesNotContain(log.Messages, m => m.Contains(BrokenKey) || m.Contains(DeclaredKey));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
        public void Dispose()
        {
        }
    }

    public void Dispose() => _portal.Dispose();
}
