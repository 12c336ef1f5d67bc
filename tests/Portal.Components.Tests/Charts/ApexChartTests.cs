using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Portal.Web.Components.Charts;
using Portal.Web.Components.Layout;

namespace Portal.Components.Tests.Charts;

public class ApexChartTests : PortalComponentTest
{
    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        // Strict: a JS call the test did not plan for fails it.
        JSInterop.Mode = JSRuntimeMode.Strict;
        _module = JSInterop.SetupModule("./js/apexchart.js");
        _module.SetupModule(invocation => invocation.Identifier == "create", isCatchAllHandler: false);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    private static ApexChartOptions StackedBar(params double?[] answered) => new()
    {
        Chart = new(ApexChartType.Bar) { Stacked = true },
        Series = [new("Answered", answered), new("Missed", [1, 0, 2])],
        XAxis = new() { Categories = ["08:00", "09:00", "10:00"] },
        YAxis = new() { ValueFormat = ApexValueFormat.Number },
        Tooltip = new() { Shared = true },
    };

    private IRenderedComponent<ApexChart> RenderChart(ApexChartOptions options, bool dark = false) =>
        Render<ApexChart>(p => p
            .Add(c => c.Options, options)
            .Add(c => c.Height, 320)
            .Add(c => c.AriaLabel, "Calls per hour")
            .AddUnmatched("data-testid", "chart-volume")
            .AddCascadingValue(new PortalThemeMode(dark)));

    private string JsonOf(string identifier, int call = 0) => (string)_module.Invocations[identifier][call].Arguments[^1]!;

    [Fact]
    public void Render_FirstTime_CreatesChartWithSerializedOptions()
    {
        var chart = RenderChart(StackedBar(5, 7, 3));

        var create = Assert.Single(_module.Invocations["create"]);
        Assert.IsType<ElementReference>(create.Arguments[0]);
        var json = JsonOf("create");
        Assert.Contains("""{"name":"Answered","data":[5,7,3]}""", json);
        Assert.Contains("""{"type":"bar","height":320,"stacked":true,"animations":{"enabled":false},"toolbar":{"show":false},"background":"transparent""", json);
        Assert.Contains("""
            "xaxis":{"categories":["08:00","09:00","10:00"]},"yaxis":{"valueFormat":"number"}
            """, json);
        Assert.Contains("""{"shared":true,"intersect":false}""", json);
        Assert.Contains("""{"mode":"light"}""", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("\"Series\"", json);
        Assert.Empty(_module.Invocations["update"]);

        var element = chart.Find("[data-testid=chart-volume]");
        Assert.Equal("Calls per hour", element.GetAttribute("aria-label"));
        Assert.Contains("min-height: 320px", element.GetAttribute("style"));
    }

    [Fact]
    public void Render_DonutAndHeatmap_SerializesTheirSeriesShapes()
    {
        RenderChart(new ApexChartOptions
        {
            Chart = new(ApexChartType.Donut),
            Values = [60, 30, 10],
            Labels = ["Answered", "Missed", "Voicemail"],
        });
        RenderChart(new ApexChartOptions
        {
            Chart = new(ApexChartType.Heatmap),
            Series = [new("Mon", [new ApexPoint("08", 4), new ApexPoint("09", 9)])],
        });

        Assert.Contains("""
            "series":[60,30,10],"labels":["Answered","Missed","Voicemail"]
            """, JsonOf("create", 0));
        Assert.Contains("""
            "series":[{"name":"Mon","data":[{"x":"08","y":4},{"x":"09","y":9}]}]
            """, JsonOf("create", 1));
    }

    [Fact]
    public void Render_NewData_UpdatesChartInsteadOfCreatingIt()
    {
        var chart = RenderChart(StackedBar(5, 7, 3));

        chart.Render(p => p.Add(c => c.Options, StackedBar(6, 8, 4)));

        Assert.Single(_module.Invocations["create"]);
        var update = Assert.Single(_module.Invocations["update"]);
        Assert.IsAssignableFrom<IJSObjectReference>(update.Arguments[0]);
        Assert.Contains("""{"name":"Answered","data":[6,8,4]}""", JsonOf("update"));
    }

    [Fact]
    public void Render_EqualOptions_CallsNoJavaScript()
    {
        var chart = RenderChart(StackedBar(5, 7, 3));
        var calls = _module.Invocations.Count;

        chart.Render(p => p.Add(c => c.Options, StackedBar(5, 7, 3)));

        Assert.Equal(calls, _module.Invocations.Count);
        Assert.Empty(_module.Invocations["update"]);
    }

    [Fact]
    public void Render_ThemeTurnsDark_UpdatesChartToDarkMode()
    {
        // The layout's cascading value, re-rendered with the toggled mode.
        var options = StackedBar(5, 7, 3);
        void Layout(ComponentParameterCollectionBuilder<CascadingValue<PortalThemeMode>> p, bool dark) => p
            .Add(c => c.Value, new PortalThemeMode(dark))
            .AddChildContent<ApexChart>(chart => chart.Add(c => c.Options, options));
        var layout = Render<CascadingValue<PortalThemeMode>>(p => Layout(p, dark: false));
        Assert.Contains("""
            "theme":{"mode":"light"}
            """, JsonOf("create"));

        layout.Render(p => Layout(p, dark: true));

        Assert.Single(_module.Invocations["create"]);
        Assert.Contains("""
            "theme":{"mode":"dark"}
            """, JsonOf("update"));
    }

    [Fact]
    public async Task DisposeAsync_CreatedChart_DestroysIt()
    {
        RenderChart(StackedBar(5, 7, 3));
        Assert.Single(_module.Invocations["create"]);
        Assert.Empty(_module.Invocations["destroy"]);

        await DisposeComponentsAsync();

        var destroy = Assert.Single(_module.Invocations["destroy"]);
        Assert.IsAssignableFrom<IJSObjectReference>(destroy.Arguments[0]);
    }
}
