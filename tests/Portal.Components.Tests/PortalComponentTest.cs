using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Components.Tests;

/// <summary>A bUnit context with MudBlazor's services and JS interop in loose mode.</summary>
public abstract class PortalComponentTest : BunitContext
{
    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
