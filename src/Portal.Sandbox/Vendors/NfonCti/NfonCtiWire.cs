using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>The vendor's <c>call</c> object, as the emulator sends it (absent fields left out).</summary>
public sealed record NfonCtiCallEvent
{
    [JsonPropertyName("uuid")] public required string Uuid { get; init; }
    [JsonPropertyName("caller")] public string? Caller { get; init; }
    [JsonPropertyName("caller_context")] public string? CallerContext { get; init; }
    [JsonPropertyName("callee")] public string? Callee { get; init; }
    [JsonPropertyName("callee_context")] public string? CalleeContext { get; init; }
    [JsonPropertyName("extension")] public string? Extension { get; init; }
    [JsonPropertyName("customer")] public string? Customer { get; init; }
    [JsonPropertyName("direction")] public string? Direction { get; init; }
    [JsonPropertyName("state")] public required string State { get; init; }
    [JsonPropertyName("updated")] public string? Updated { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The "intentionally limited" form of the originator's event stream: uuid, state, updated, error.</summary>
    public NfonCtiCallEvent Limited() => new() { Uuid = Uuid, State = State, Updated = Updated, Error = Error };
}

/// <summary>One extension's line state and presence, as the emulator holds it.</summary>
/// <param name="Presence">The vendor's presence word; null is sent as JSON null (the vendor also sends the string "null").</param>
public sealed record NfonCtiLineState(string Extension, string Line, string? Presence, DateTime UpdatedUtc)
{
    /// <summary>The vendor's <c>state</c> object; a malformed one has no usable extension.</summary>
    public JsonObject ToJson(bool malformed) => new()
    {
        ["customer"] = NfonCtiSandbox.Tenant,
        ["extension"] = malformed ? null : Extension,
        ["line"] = Line,
        ["presence"] = Presence,
        ["updated"] = NfonCtiWire.Time(UpdatedUtc),
    };
}

internal static class NfonCtiWire
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+01:00", not "\u002B01:00"
    };

    /// <summary>RFC 3339 with nanoseconds and the company's offset, e.g. 2025-09-23T16:51:22.954969200+02:00.</summary>
    public static string Time(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), Zone);
        return local.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture) + "00"
            + local.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A number as the vendor writes it: no '+' or '00' prefix.</summary>
    public static string Number(string e164OrExtension) => e164OrExtension.TrimStart('+');
}
