// Draws the ApexChart component's charts with the global ApexCharts (lib/apexcharts, loaded by App.razor).
// Options arrive as JSON; the named value formats in it (yaxis.valueFormat, tooltip.valueFormat) become formatters here.

const formats = {
  number: (v, decimals) => v.toLocaleString(undefined, { maximumFractionDigits: decimals ?? 2 }),
  percent: (v, decimals) => (v / 100).toLocaleString(undefined, { style: "percent", maximumFractionDigits: decimals ?? 1 }),
  duration: (v) => {
    const total = Math.round(Math.abs(v));
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const two = (n) => String(n).padStart(2, "0");
    return (v < 0 ? "-" : "") + (h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`);
  },
};

// Numbers only: the same formatter also sees category labels (a heatmap's rows, a horizontal bar's categories).
function formatter(name, decimals) {
  const format = formats[name];
  return format && ((v) => (typeof v === "number" && Number.isFinite(v) ? format(v, decimals) : v));
}

function toOptions(json) {
  const options = JSON.parse(json);
  const yaxis = options.yaxis ?? {};
  const axisFormat = formatter(yaxis.valueFormat, yaxis.decimalsInFloat);
  if (axisFormat) {
    // A horizontal bar chart shows its values along the x-axis.
    const valueAxis = options.plotOptions?.bar?.horizontal ? (options.xaxis ??= {}) : yaxis;
    valueAxis.labels = { ...valueAxis.labels, formatter: axisFormat };
  }
  const tooltipFormat = formatter(options.tooltip?.valueFormat ?? yaxis.valueFormat, yaxis.decimalsInFloat);
  if (tooltipFormat) {
    options.tooltip = { ...options.tooltip, y: { formatter: tooltipFormat } };
  }
  return options;
}

export async function create(element, json) {
  const chart = new ApexCharts(element, toOptions(json));
  await chart.render();
  return chart;
}

export async function update(chart, json) {
  const options = toOptions(json);
  // Its animate argument defaults to true, and a heatmap then fades to its new colors even with animations off.
  await chart.updateOptions(options, false, options.chart.animations?.enabled === true);
}

export function destroy(chart) {
  chart.destroy();
}
