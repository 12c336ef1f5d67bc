using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Components.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services and JS interop in loose mode. Disposed asynchronously: some MudBlazor
/// services (popovers, pointer events) only implement IAsyncDisposable.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
