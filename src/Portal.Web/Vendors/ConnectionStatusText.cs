using MudBlazor;
using Portal.Telephony.Connections;
using Portal.Web.Data.Entities;

namespace Portal.Web.Vendors;

/// <summary>How a connection's sync status and its test read on a page (Connections page, connection dialog, home page).</summary>
public static class ConnectionStatusText
{
    /// <summary>A test without a problem.</summary>
    public const string TestWorks = "The connection works: the vendor accepted these settings.";

    /// <summary>Success, a warning (the vendor answered, but something looks wrong: <see cref="VendorError.IsWarning"/>) or an error.</summary>
    public static Severity TestSeverity(VendorError? result) =>
        result is null ? Severity.Success : result.IsWarning ? Severity.Warning : Severity.Error;

    public static string TestMessage(VendorError? result) => result?.Message ?? TestWorks;

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
