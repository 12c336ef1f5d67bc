using MudBlazor;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Connections;

/// <summary>How a connection's sync status reads on a page (Connections page, home page).</summary>
public static class ConnectionStatusText
{
    public static string Label(ConnectionState state) => state switch
    {
        ConnectionState.Backfilling => "Backfilling",
        ConnectionState.Live => "Live",
        ConnectionState.Polling => "Polling",
        ConnectionState.Paused => "Paused",
        ConnectionState.Failing => "Failing",
        _ => "Idle",
    };

    public static Color Color(ConnectionState state) => state switch
    {
        ConnectionState.Live or ConnectionState.Polling => MudBlazor.Color.Success,
        ConnectionState.Backfilling => MudBlazor.Color.Info,
        ConnectionState.Failing => MudBlazor.Color.Error,
        ConnectionState.Paused => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>A duration in the largest sensible unit: "45 s", "12 min", "3 h", "2 days".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds} s"
        : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min"
        : span.TotalDays < 1 ? $"{(int)span.TotalHours} h"
        : $"{(int)span.TotalDays} {((int)span.TotalDays == 1 ? "day" : "days")}";
}
