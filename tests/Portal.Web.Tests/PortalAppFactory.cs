using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Portal.Web.Audit;

namespace Portal.Web.Tests;

/// <summary>
/// The real portal on Kestrel at a free loopback port, with its own empty SQLite file, the sandbox and the
/// development sign-in provider, as a newcomer would start it (in Development unless told otherwise).
/// </summary>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public PortalAppFactory()
        : this([])
    {
    }

    private readonly bool _ownsDataDirectory;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    private PortalAppFactory(Dictionary<string, string?> settings, string? dataDirectory = null, string environment = "Development",
        Action<IServiceCollection>? services = null)
    {
        _environment = environment;
        _ownsDataDirectory = dataDirectory is null;
        _services = services;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("portal-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabaseFile}",
            ["Sandbox:Identity:KeyDirectory"] = DataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            // A small sandbox history and no live traffic; tests that read it start the portal on a FixedStartClock (FixedClockServices.AddFixedClock).
            ["Sandbox:Traffic:LiveEnabled"] = "false",
            ["Sandbox:Traffic:HistoryDays"] = "7",
            ["Sandbox:Traffic:CallsPerDay"] = "20",
            ["Sandbox:Traffic:Seed"] = "42",
            // No first-run sandbox connections: tests create the connections they need (one test turns it on).
            ["Portal:SeedSandboxConnections"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
        UseKestrel(0);
        try
        {
            StartServer();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// A portal with some settings changed (configuration keys, e.g. "Sandbox:Identity:AccessTokenLifetime"), in another environment
    /// if given, with test services if given.
    /// </summary>
    public static PortalAppFactory With(Dictionary<string, string?> settings, string environment = "Development", Action<IServiceCollection>? services = null) =>
        new(settings, environment: environment, services: services);

    /// <summary>A portal with test services added after the portal's own (e.g. an EF Core interceptor).</summary>
    public static PortalAppFactory WithServices(Action<IServiceCollection> services) => new([], services: services);

    /// <summary>A portal on an existing data folder (its database and keys): a restart of an earlier one, with test services if given.</summary>
    public static PortalAppFactory Reopen(string dataDirectory, Dictionary<string, string?> settings, string environment = "Development",
        Action<IServiceCollection>? services = null) =>
        new(settings, dataDirectory, environment, services);

    public string DataDirectory { get; }
    public string DatabaseFile => Path.Combine(DataDirectory, "portal.db");
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>The security log's events (category Portal.Security) written so far by this portal.</summary>
    public IReadOnlyList<FakeLogRecord> SecurityEvents => Services.GetFakeLogCollector().GetSnapshot();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // UseSetting, not ConfigureAppConfiguration: Program reads its configuration before the host is built.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddFakeLogging(o => o.FilteredCategories.Add(SecurityLog.Category)));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>A browser; with <paramref name="cookies"/>, one that continues an earlier session.</summary>
    public PortalClient CreatePortalClient(System.Net.CookieContainer? cookies = null) => new(BaseAddress, cookies);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open by the runtime; the temp folder is cleaned by the OS
            }
        }
    }
}
