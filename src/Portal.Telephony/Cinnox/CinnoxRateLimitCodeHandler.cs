using System.Net;
using System.Text.Json;

namespace Portal.Telephony.Cinnox;

/// <summary>
/// CINNOX says "Too many requests" with code 6451010 in the JSON body; the HTTP status that comes with it is not
/// documented. This handler sits inside the retry pipeline and turns such an answer into a 429, so it is waited
/// out and retried exactly like one.
/// </summary>
internal sealed class CinnoxRateLimitCodeHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (TopLevelCode(body) == CinnoxClient.RateLimitCode)
        {
            response.StatusCode = HttpStatusCode.TooManyRequests;
        }
        return response;
    }

    /// <summary>The top-level "code" of a JSON object, without reading the records into objects.</summary>
    internal static long? TopLevelCode(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                reader.Read();
                if (isCode)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var code) ? code : null;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
