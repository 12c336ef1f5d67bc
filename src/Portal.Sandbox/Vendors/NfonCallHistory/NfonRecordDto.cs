using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

// The NFON Call History record as the vendor sends it (v2.0-early-access.2), snake_case on the wire.

internal sealed record NfonRecordDto
{
    public required string Uuid { get; init; }
    public string? CallId { get; init; }
    public required string Created { get; init; }
    public string? Updated { get; init; }
    public int Duration { get; init; }
    public required NfonPartyDto Caller { get; init; }
    public required NfonPartyDto Callee { get; init; }
    public required string Direction { get; init; }
    public IReadOnlyList<NfonHistoryItemDto>? History { get; init; }
    public required string Status { get; init; }
    public string? TrunkCode { get; init; }
    public NfonTranscriptionDto? Transcription { get; init; }
    public IReadOnlyDictionary<string, string>? CustomData { get; init; }
    public string? UserUuid { get; init; }
    public string? Customer { get; init; }
    public string? Extension { get; init; }
}

internal sealed record NfonPartyDto(string? Name, string Number, string Context, string? Service = null);

internal sealed record NfonHistoryItemDto
{
    public NfonPartyDto? Caller { get; init; }
    public NfonPartyDto? Callee { get; init; }
    public required string Updated { get; init; }

    /// <summary>Keys of future history shapes (clients must ignore items they do not know).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

internal sealed record NfonTranscriptionDto
{
    public bool Available { get; init; }
    public string? Summary { get; init; }
    public bool? LanguageAutodetect { get; init; }
    public IReadOnlyList<NfonTranscriptEntryDto>? Transcript { get; init; }
}

internal sealed record NfonTranscriptEntryDto(string Time, string Source, string Event, string? Text = null);

internal static class NfonJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+01:00" and "Schröder" as they are, like the vendor
    };
}
