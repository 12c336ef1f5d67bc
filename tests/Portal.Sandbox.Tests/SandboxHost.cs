using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Sandbox.Tests;

/// <summary>The sandbox on real Kestrel at 127.0.0.1, with its own key directory unless one is given.</summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsKeyDirectory;

    private SandboxHost(WebApplication app, string keyDirectory, bool ownsKeyDirectory)
    {
        this.app = app;
        this.ownsKeyDirectory = ownsKeyDirectory;
        KeyDirectory = keyDirectory;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public Uri BaseAddress { get; }

    public string KeyDirectory { get; }

    /// <summary>The sandbox's services (its call logs, faults).</summary>
    public IServiceProvider Services => app.Services;

    public static Task<SandboxHost> StartAsync(string? keyDirectory = null, int port = 0) =>
        StartAsync(args => SandboxApp.Build(args), keyDirectory, port);

    /// <summary>
    /// A sandbox whose generated traffic a test reads: on <paramref name="clock"/> with the fixed seed, so its history and
    /// the calls still to come are the same at any time of day and on any date (see <see cref="FixedStartClock"/>).
    /// </summary>
    public static Task<SandboxHost> StartWithTrafficAsync(FixedStartClock clock, params string[] settings) =>
        StartAsync(args => SandboxApp.Build([.. args, "--Sandbox:Traffic:Seed=42", .. settings],
            services => services.AddSingleton<TimeProvider>(clock)));

    /// <summary>Starts an application made by <paramref name="build"/> from command-line arguments.</summary>
    public static async Task<SandboxHost> StartAsync(Func<string[], WebApplication> build, string? keyDirectory = null, int port = 0)
    {
        var directory = keyDirectory ?? Directory.CreateTempSubdirectory("portal-sandbox-keys-").FullName;
        var app = build(
        [
            "--urls", $"http://127.0.0.1:{port}",
            $"--Sandbox:Identity:KeyDirectory={directory}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return new SandboxHost(app, directory, ownsKeyDirectory: keyDirectory is null);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsKeyDirectory)
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }
    }
}
