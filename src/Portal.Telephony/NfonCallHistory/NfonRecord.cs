using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Telephony.NfonCallHistory;

// NFON Call History's record as it comes (v2.0-early-access.2, tolerant of v2.0-early-access): every enum is a
// string (unknown future values must be accepted), numbers may come as strings, unknown fields are ignored.

internal sealed class NfonRecord
{
    public string? Uuid { get; set; }
    public string? CallId { get; set; }
    public string? Created { get; set; }
    public string? Updated { get; set; }
    public double? Duration { get; set; }
    public NfonParty? Caller { get; set; }
    public NfonParty? Callee { get; set; }
    public string? Direction { get; set; }
    /// <summary>Kept as JSON: items of unknown shape must be ignored, never fail the record.</summary>
    public JsonElement? History { get; set; }
    public string? Status { get; set; }
    public string? TrunkCode { get; set; }
    public NfonTranscription? Transcription { get; set; }
    public string? Customer { get; set; }
    public string? Extension { get; set; }
}

internal sealed class NfonParty
{
    [JsonConverter(typeof(NfonLenientStringConverter))]
    public string? Name { get; set; }
    [JsonConverter(typeof(NfonLenientStringConverter))]
    public string? Number { get; set; }
    public string? Context { get; set; }
    /// <summary>EA.2 name.</summary>
    public string? Service { get; set; }
    /// <summary>EA name of <see cref="Service"/>.</summary>
    public string? DestinationType { get; set; }
    /// <summary>Where NFON's EA.2 stream example puts a history item's time.</summary>
    public string? Updated { get; set; }
}

internal sealed class NfonTranscription
{
    public bool? Available { get; set; }
    public string? Summary { get; set; }
    public JsonElement? Transcript { get; set; }
}

internal sealed class NfonTranscriptEntry
{
    public string? Time { get; set; }
    public string? Source { get; set; }
    public string? Event { get; set; }
    public string? Text { get; set; }
}

internal sealed class NfonTokenResponse
{
    public string? AccessToken { get; set; }
    public double? ExpiresIn { get; set; }
    public string? RefreshToken { get; set; }
    public string? Error { get; set; }
    public string? ErrorDescription { get; set; }
}

internal static class NfonJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>Reads a string, number or boolean as text (a phone number may come as a JSON number).</summary>
internal sealed class NfonLenientStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected text, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
