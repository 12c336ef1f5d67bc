using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Telephony.Cinnox;

// CINNOX call-detail records as the vendor sends them (CONTRACT.md): only what the portal reads; the rest stays in the raw payload.
// Tolerant: caller/callee arrive as JSON numbers or strings, files.type as an integer or a string.

internal sealed class CinnoxCallRecord
{
    public string? Id { get; init; }
    public string? Hid { get; init; }
    [JsonPropertyName("callID")]
    public string? CallId { get; init; }
    public string? CallDirection { get; init; }
    public string? CallType { get; init; }
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? Caller { get; init; }
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? Callee { get; init; }
    public string? CallDate { get; init; }
    public string? CallEndTime { get; init; }
    public string? Status { get; init; }
    public string? ByeReason { get; init; }
    public string? FromDisplayName { get; init; }
    public string? ToDisplayName { get; init; }
    public string? CallerFirstName { get; init; }
    public string? CallerLastName { get; init; }
    public string? CalleeFirstName { get; init; }
    public string? CalleeLastName { get; init; }
    public List<CinnoxRecordingEvent>? RecordingEventList { get; init; }
}

internal sealed class CinnoxRecordingEvent
{
    public string? RecorderEid { get; init; }
    public string? StartAt { get; init; }
    public string? EndAt { get; init; }
    public List<CinnoxRecordingFile>? Files { get; init; }
}

internal sealed class CinnoxRecordingFile
{
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? DownloadUrl { get; init; }
    /// <summary>Milliseconds.</summary>
    public double? Duration { get; init; }
    public string? MimeType { get; init; }
    public long? Size { get; init; }
    /// <summary>2 = video, 3 = audio; an integer or a string.</summary>
    [JsonConverter(typeof(LenientIntConverter))]
    public int? Type { get; init; }
}

/// <summary>An error body: <c>{"code": 6451000, "message": "..."}</c>.</summary>
internal sealed class CinnoxErrorBody
{
    public long? Code { get; init; }
    public string? Message { get; init; }
}

/// <summary>A string field that some records send as a JSON number (phone numbers): kept as the digits sent.</summary>
internal sealed class NumberOrStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>An integer that may come as a string ("3"); anything else reads as null instead of failing the record.</summary>
internal sealed class LenientIntConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var number) ? number : null;
            case JsonTokenType.String:
                return int.TryParse(reader.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}

internal static class CinnoxJson
{
    /// <summary>camelCase, case-insensitive, numbers also read from strings (files.type "3").</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
