using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Telephony.WebFones;

/// <summary>
/// One record of <c>GET /call_log/records_after_timestamp</c>. The documented fields, plus <c>duration</c>,
/// <c>billsec</c> and <c>has_recording</c>, which the API sends but does not document (read when present).
/// Every field is optional here: the reader decides what a record cannot do without.
/// </summary>
internal sealed class WebFonesCallRecord
{
    [JsonPropertyName("rid")]
    public long? Rid { get; init; }

    /// <summary>"YYYY-MM-DD HH:MM:SS", zone-less, the account's local time.</summary>
    [JsonPropertyName("call_timestamp")]
    public string? CallTimestamp { get; init; }

    [JsonPropertyName("cidname_outside")]
    public string? NameOutside { get; init; }

    [JsonPropertyName("cidext_inside")]
    public string? ExtensionInside { get; init; }

    /// <summary>"INCOMING" or "OUTGOING".</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    /// <summary>Display-formatted: "(212) 555-0123", "+44 20 7946 0958".</summary>
    [JsonPropertyName("cidnumber_outside")]
    public string? NumberOutside { get; init; }

    /// <summary>The company's number and the extension: "(212) 555-0100, x101".</summary>
    [JsonPropertyName("cidnumber_inside")]
    public string? NumberInside { get; init; }

    /// <summary>Asterisk-style: "ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CANCEL", others possible.</summary>
    [JsonPropertyName("disposition")]
    public string? Disposition { get; init; }

    /// <summary>Total seconds, ringing included (undocumented).</summary>
    [JsonPropertyName("duration")]
    public int? Duration { get; init; }

    /// <summary>Talk seconds (undocumented).</summary>
    [JsonPropertyName("billsec")]
    public int? BillSeconds { get; init; }

    /// <summary>true/false or 1/0 (undocumented).</summary>
    [JsonPropertyName("has_recording")]
    public bool? HasRecording { get; init; }

    /// <summary>Tolerant reading: numbers or strings for any scalar, empty strings as absent.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        Converters = { new LenientStringConverter(), new LenientInt64Converter(), new LenientInt32Converter(), new LenientBooleanConverter() },
    };
}
