using System.Diagnostics;

namespace Portal.Web.Tests.Features.Shell;

/// <summary>The real program, as an operator starts it: a refused start says why in one line and exits with 1.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Main_ProductionWithoutAuthority_PrintsOneLineAndExitsWithOne()
    {
        var data = Directory.CreateTempSubdirectory("portal-refusal-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [PortalProgramPath()])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = data,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(data, "portal.db")}";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(patience.Token);

            Assert.Equal(1, process.ExitCode);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("Portal cannot start: Authentication:Authority is not set", line);
            Assert.DoesNotContain("   at ", await stdout + await stderr);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>src/Portal.Web's own build output (with its runtime and dependency files), in this test's configuration.</summary>
    private static string PortalProgramPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/Portal.Web.Tests/bin/<Configuration>/<tfm>/
        var configuration = testOutput.Parent!.Name;
        var framework = testOutput.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent;
        }
        return Path.Combine(root!.FullName, "src", "Portal.Web", "bin", configuration, framework, "Portal.Web.dll");
    }
}
