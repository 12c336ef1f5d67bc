using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Telephony.NfonCti;

// The vendor's JSON, read tolerantly: unknown fields ignored, strings that come as numbers accepted.

internal sealed record NfonCtiTokens(
    [property: JsonPropertyName("access-token")] string? AccessToken,
    [property: JsonPropertyName("refresh-token")] string? RefreshToken);

internal sealed record NfonCtiExtensionData(
    [property: JsonPropertyName("uuid"), JsonConverter(typeof(LenientStringConverter))] string? Uuid,
    [property: JsonPropertyName("extension_number"), JsonConverter(typeof(LenientStringConverter))] string? ExtensionNumber,
    [property: JsonPropertyName("name"), JsonConverter(typeof(LenientStringConverter))] string? Name);

internal sealed record NfonCtiState(
    [property: JsonPropertyName("customer"), JsonConverter(typeof(LenientStringConverter))] string? Customer,
    [property: JsonPropertyName("extension"), JsonConverter(typeof(LenientStringConverter))] string? Extension,
    [property: JsonPropertyName("line"), JsonConverter(typeof(LenientStringConverter))] string? Line,
    [property: JsonPropertyName("presence"), JsonConverter(typeof(LenientStringConverter))] string? Presence,
    [property: JsonPropertyName("updated"), JsonConverter(typeof(LenientStringConverter))] string? Updated);

internal sealed record NfonCtiCall(
    [property: JsonPropertyName("uuid"), JsonConverter(typeof(LenientStringConverter))] string? Uuid,
    [property: JsonPropertyName("state"), JsonConverter(typeof(LenientStringConverter))] string? State,
    [property: JsonPropertyName("caller"), JsonConverter(typeof(LenientStringConverter))] string? Caller,
    [property: JsonPropertyName("caller_context"), JsonConverter(typeof(LenientStringConverter))] string? CallerContext,
    [property: JsonPropertyName("callee"), JsonConverter(typeof(LenientStringConverter))] string? Callee,
    [property: JsonPropertyName("callee_context"), JsonConverter(typeof(LenientStringConverter))] string? CalleeContext,
    [property: JsonPropertyName("extension"), JsonConverter(typeof(LenientStringConverter))] string? Extension,
    [property: JsonPropertyName("customer"), JsonConverter(typeof(LenientStringConverter))] string? Customer,
    [property: JsonPropertyName("direction"), JsonConverter(typeof(LenientStringConverter))] string? Direction,
    [property: JsonPropertyName("updated"), JsonConverter(typeof(LenientStringConverter))] string? Updated,
    [property: JsonPropertyName("error"), JsonConverter(typeof(LenientStringConverter))] string? Error);

/// <summary>The body of a click-to-call request; contexts left out mean the K-Account.</summary>
internal sealed record NfonCtiOriginate(
    [property: JsonPropertyName("caller")] string Caller,
    [property: JsonPropertyName("callee")] string Callee,
    [property: JsonPropertyName("callee_context")] string? CalleeContext,
    [property: JsonPropertyName("extension")] string Extension);

internal static class NfonCtiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A string field that may come as a string, a number, a boolean or null.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
