using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Web.Components.Charts;

/// <summary>
/// The ApexCharts options an <see cref="ApexChart"/> draws: the subset a call-analytics dashboard needs, named and
/// shaped as in the ApexCharts documentation. Serialized camelCase with nulls omitted; whatever is null keeps
/// ApexCharts' default.
/// </summary>
public sealed record ApexChartOptions
{
    /// <summary>Chart type, stacking, height, animations and toolbar.</summary>
    public required ApexChartSettings Chart { get; init; }

    /// <summary>Named series for bar, line, area and heatmap charts.</summary>
    [JsonIgnore]
    public IReadOnlyList<ApexSeries>? Series { get; init; }

    /// <summary>The slices of a donut chart, one per entry of <see cref="Labels"/>. Used instead of <see cref="Series"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Slice names of a donut chart.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    [JsonPropertyName("xaxis")]
    public ApexXAxis? XAxis { get; init; }

    [JsonPropertyName("yaxis")]
    public ApexYAxis? YAxis { get; init; }

    /// <summary>Series (or donut slice) colors, e.g. <c>"#1565c0"</c>; ApexCharts' palette when null.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    public ApexDataLabels? DataLabels { get; init; }

    public ApexLegend? Legend { get; init; }

    public ApexPlotOptions? PlotOptions { get; init; }

    public ApexTooltip? Tooltip { get; init; }

    public ApexNoData? NoData { get; init; }

    // ApexCharts takes both kinds of series under one name.
    [JsonInclude, JsonPropertyName("series")]
    private object? SeriesJson => (object?)Series ?? Values;

    // Set by the component from the cascaded PortalThemeMode.
    [JsonInclude]
    internal ApexTheme? Theme { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The JSON handed to ApexCharts: these options at the given height, in the given theme mode, on a transparent background.</summary>
    internal string ToJson(int height, bool dark) => JsonSerializer.Serialize(
        this with
        {
            Chart = Chart with { Height = height, Background = "transparent", FontFamily = "inherit" },
            Theme = new ApexTheme(dark ? "dark" : "light"),
        },
        JsonOptions);
}

public enum ApexChartType { Bar, Line, Area, Donut, Heatmap }

public enum ApexAxisType { Category, Datetime }

public enum ApexLegendPosition { Top, Right, Bottom, Left }

/// <summary>A named formatter the chart's script applies to axis labels and tooltip values (a JS function cannot travel as JSON).</summary>
public enum ApexValueFormat
{
    /// <summary>Grouped number in the viewer's locale, e.g. 1,234.5.</summary>
    Number,

    /// <summary>A value from 0 to 100 shown as a percentage, e.g. 87.5 → 87.5%.</summary>
    Percent,

    /// <summary>Seconds shown as m:ss, or h:mm:ss from one hour, e.g. 95 → 1:35.</summary>
    Duration,
}

/// <param name="Type">bar, line, area, donut or heatmap.</param>
public sealed record ApexChartSettings(ApexChartType Type)
{
    /// <summary>Height in pixels; the component's <c>Height</c> parameter wins when set.</summary>
    public int? Height { get; init; }

    /// <summary>Stacks the series of a bar or area chart; grouped (side by side) otherwise.</summary>
    public bool? Stacked { get; init; }

    /// <summary>Off by default, so screenshots and tests see the final chart.</summary>
    public ApexAnimations Animations { get; init; } = new(Enabled: false);

    /// <summary>Hidden by default.</summary>
    public ApexToolbar Toolbar { get; init; } = new(Show: false);

    [JsonInclude]
    internal string? Background { get; init; }

    [JsonInclude]
    internal string? FontFamily { get; init; }
}

public sealed record ApexAnimations(bool Enabled);

public sealed record ApexToolbar(bool Show);

/// <summary>One named series: numbers (bar, line, area; null leaves a gap) or x/y points (heatmap).</summary>
public sealed record ApexSeries
{
    public ApexSeries(string name, IEnumerable<double?> data)
    {
        Name = name;
        Data = [.. data];
    }

    public ApexSeries(string name, IEnumerable<ApexPoint> points)
    {
        Name = name;
        Points = [.. points];
    }

    public string Name { get; }

    [JsonIgnore]
    public IReadOnlyList<double?>? Data { get; }

    [JsonIgnore]
    public IReadOnlyList<ApexPoint>? Points { get; }

    [JsonInclude, JsonPropertyName("data")]
    private object? DataJson => (object?)Data ?? Points;
}

/// <summary>A heatmap cell: <paramref name="X"/> is its column, the series its row.</summary>
public sealed record ApexPoint(string X, double? Y);

/// <param name="Text">The axis title.</param>
public sealed record ApexTitle(string Text);

/// <summary>The category (or time) axis: the y-axis of a horizontal bar chart.</summary>
public sealed record ApexXAxis
{
    /// <summary>
    /// category, or datetime for ISO 8601 categories or points, which ApexCharts labels in UTC: pass times already
    /// converted to the viewer's zone (ViewerClock) with a trailing Z.
    /// </summary>
    public ApexAxisType? Type { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public ApexTitle? Title { get; init; }
}

/// <summary>The value axis (the x-axis of a horizontal bar chart: the format and decimals apply there).</summary>
public sealed record ApexYAxis
{
    public ApexTitle? Title { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Fraction digits of the axis labels (and of the format's values).</summary>
    [JsonPropertyName("decimalsInFloat")]
    public int? Decimals { get; init; }

    /// <summary>How axis labels and, unless the tooltip says otherwise, tooltip values are shown.</summary>
    public ApexValueFormat? ValueFormat { get; init; }
}

public sealed record ApexDataLabels(bool Enabled);

public sealed record ApexLegend
{
    public bool? Show { get; init; }

    public ApexLegendPosition? Position { get; init; }
}

public sealed record ApexPlotOptions
{
    public ApexBarOptions? Bar { get; init; }
}

public sealed record ApexBarOptions
{
    /// <summary>Bars grow to the right, categories on the y-axis.</summary>
    public bool? Horizontal { get; init; }
}

public sealed record ApexTooltip
{
    /// <summary>One tooltip for all series at a category (line, area, stacked bar).</summary>
    public bool? Shared { get; init; }

    // ApexCharts throws on a shared tooltip that intersects, and bar charts intersect by default.
    [JsonInclude]
    private bool? Intersect => Shared == true ? false : null;

    /// <summary>How tooltip values are shown; the y-axis format when null.</summary>
    public ApexValueFormat? ValueFormat { get; init; }
}

/// <param name="Text">Shown instead of an empty chart.</param>
public sealed record ApexNoData(string Text);

internal sealed record ApexTheme(string Mode);
