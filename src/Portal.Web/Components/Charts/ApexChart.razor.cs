using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Web.Components.Layout;

namespace Portal.Web.Components.Charts;

/// <summary>
/// An ApexCharts chart. Created once after the first render, updated in place when the serialized options (or the
/// cascaded theme mode) change, destroyed with the component. Renders an empty box when prerendered.
/// </summary>
public sealed partial class ApexChart
{
    private const string ModulePath = "./js/apexchart.js";
    private const int DefaultHeight = 300;

    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private string _json = "";
    private string? _shownJson;
    private bool _syncing;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>What to draw, series included. A new instance with other data updates the chart.</summary>
    [Parameter, EditorRequired]
    public ApexChartOptions Options { get; set; } = default!;

    /// <summary>Height in pixels; otherwise <c>Options.Chart.Height</c>, otherwise 300.</summary>
    [Parameter]
    public int? Height { get; set; }

    /// <summary>What the chart shows, for screen readers: the name of the chart's figure.</summary>
    [Parameter]
    public string? AriaLabel { get; set; }

    /// <summary>Further attributes of the chart's element, e.g. <c>data-testid</c> or <c>class</c>.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [CascadingParameter]
    private PortalThemeMode? ThemeMode { get; set; }

    private int EffectiveHeight => Height ?? Options.Chart.Height ?? DefaultHeight;

    protected override void OnParametersSet() => _json = Options.ToJson(EffectiveHeight, ThemeMode?.IsDark == true);

    protected override Task OnAfterRenderAsync(bool firstRender) => SyncAsync();

    // Brings the browser's chart to the latest options: creates it the first time, updates it after, and does nothing
    // when the JSON is the one already shown. One call at a time; options that change meanwhile are picked up by the loop.
    private async Task SyncAsync()
    {
        if (_syncing)
        {
            return;
        }

        _syncing = true;
        try
        {
            while (!_disposed && _json != _shownJson)
            {
                var json = _json;
                if (_chart is null)
                {
                    _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                    _chart = await _module.InvokeAsync<IJSObjectReference>("create", _element, json);
                }
                else
                {
                    await _module!.InvokeVoidAsync("update", _chart, json);
                }
                _shownJson = json;
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the chart with it.
        }
        finally
        {
            _syncing = false;
        }

        if (_disposed)
        {
            await TearDownAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (!_syncing)
        {
            await TearDownAsync(); // otherwise SyncAsync does it when its call returns
        }
    }

    private async Task TearDownAsync()
    {
        try
        {
            if (_chart is not null)
            {
                await _module!.InvokeVoidAsync("destroy", _chart);
                await _chart.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: nothing left to destroy.
        }
        finally
        {
            _chart = null;
            _module = null;
        }
    }
}
