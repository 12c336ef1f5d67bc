using System.Text.Json;

namespace Portal.Telephony.Unpod;

// Unpod call logs as the vendor sends them (CONTRACT.md). Tolerant: call_duration is an integer or "H:MM:SS";
// most records have no id, older ones do.

internal sealed class UnpodCallLog
{
    /// <summary>Only on older records; a string ("call_abc123def456") or a number.</summary>
    public JsonElement Id { get; init; }
    public string? SourceNumber { get; init; }
    public string? DestinationNumber { get; init; }
    public string? CallType { get; init; }
    public string? CallStatus { get; init; }
    public string? CreationTime { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    /// <summary>Seconds as a number, or "H:MM:SS" as a string; read by <see cref="UnpodCallMapper"/>.</summary>
    public JsonElement CallDuration { get; init; }
    public string? EndReason { get; init; }
}

/// <summary>The envelope of every answer: <c>{count, status_code, message, data}</c>.</summary>
internal sealed class UnpodEnvelope
{
    public int? StatusCode { get; init; }
    public string? Message { get; init; }
}

internal static class UnpodJson
{
    /// <summary>snake_case, case-insensitive, numbers also read from strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
