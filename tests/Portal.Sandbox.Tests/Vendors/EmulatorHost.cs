namespace Portal.Sandbox.Tests.Vendors;

/// <summary>
/// The sandbox with a small, fixed history (no live traffic) for the emulators' contract tests: a fixed seed and a clock
/// that starts at a fixed instant, so the generated records are the same at any time of day.
/// </summary>
public sealed class EmulatorHost : IAsyncLifetime
{
    private SandboxHost? _host;

    public Uri BaseAddress => _host!.BaseAddress;

    public async Task InitializeAsync() =>
        _host = await SandboxHost.StartWithTrafficAsync(new FixedStartClock(),
            "--Sandbox:Traffic:HistoryDays=5", "--Sandbox:Traffic:CallsPerDay=40", "--Sandbox:Traffic:LiveEnabled=false");

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
