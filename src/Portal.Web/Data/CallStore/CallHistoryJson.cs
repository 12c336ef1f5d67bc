using System.Text.Json;
using Portal.Telephony.Calls;

namespace Portal.Web.Data.CallStore;

/// <summary>
/// How a call's diversion legs are stored (<c>Calls.HistoryJson</c>), and how to find a number among them: the one place
/// that knows the stored form, so that a search for a leg's number matches exactly what the ingest wrote.
/// </summary>
public static class CallHistoryJson
{
    public static string? Serialize(IReadOnlyList<CallLeg> history) => history.Count == 0 ? null : JsonSerializer.Serialize(history);

    /// <summary>The text a stored history holds where one of its legs has this number (as the serializer escapes it).</summary>
    public static string NumberFragment(string number) => $"\"{nameof(CallLeg.Number)}\":{JsonSerializer.Serialize(number)}";
}
