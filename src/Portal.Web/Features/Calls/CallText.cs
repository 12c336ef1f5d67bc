using System.Globalization;
using MudBlazor;
using Portal.Telephony.Calls;

namespace Portal.Web.Features.Calls;

/// <summary>How the record browser and the call detail say directions, outcomes and durations.</summary>
public static class CallText
{
    public static string Direction(CallDirection direction) => direction switch
    {
        CallDirection.Inbound => "Inbound",
        CallDirection.Outbound => "Outbound",
        CallDirection.Internal => "Internal",
        _ => direction.ToString(),
    };

    public static string DirectionIcon(CallDirection direction) => direction switch
    {
        CallDirection.Inbound => Icons.Material.Outlined.CallReceived,
        CallDirection.Outbound => Icons.Material.Outlined.CallMade,
        _ => Icons.Material.Outlined.SwapHoriz,
    };

    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "Answered",
        CallOutcome.Missed => "Missed",
        CallOutcome.NotConnected => "Not connected",
        CallOutcome.Failed => "Failed",
        _ => "Unknown",
    };

    public static Color OutcomeColor(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => Color.Success,
        CallOutcome.Missed => Color.Error,
        CallOutcome.NotConnected => Color.Warning,
        CallOutcome.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>"0:42", "12:05", "1:02:03".</summary>
    public static string Duration(int seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:D2}:{time.Seconds:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}:{time.Seconds:D2}");
    }

    public static string Duration(int? seconds) => seconds is { } value ? Duration(value) : "—";

    /// <summary>A transcript offset as m:ss (h:mm:ss past an hour), rounded down to the second.</summary>
    public static string Offset(double seconds) => Duration((int)Math.Floor(Math.Max(0, seconds)));

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    public static string Party(string? number, string? name) =>
        (string.IsNullOrWhiteSpace(number), string.IsNullOrWhiteSpace(name)) switch
        {
            (false, false) => $"{number} · {name}",
            (false, true) => number!,
            (true, false) => name!,
            _ => "—",
        };
}
