using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Sandbox;

/// <summary>The sandbox as a program of its own (dotnet run, tests).</summary>
public static class SandboxApp
{
    public const string DefaultUrl = "http://localhost:5100";

    /// <param name="configureServices">Registrations made before the sandbox's own (tests: a fixed clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configureServices?.Invoke(builder.Services);
        if (!builder.Services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            builder.Services.AddSingleton(TimeProvider.System); // unless a test gave a fixed clock
        }
        builder.Services.AddSandbox(builder.Configuration);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => Results.Text(
            "Portal sandbox. OpenID Connect discovery: /.well-known/openid-configuration"));
        app.MapSandbox();
        return app;
    }
}
