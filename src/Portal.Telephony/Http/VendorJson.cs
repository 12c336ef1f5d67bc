using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Http;

public static class VendorJson
{
    /// <summary>
    /// The response body as a JSON document, or a <see cref="VendorErrorKind.MalformedResponse"/> error that says
    /// "<paramref name="answered"/> with something that is not JSON: …" (e.g. "CINNOX answered call-detail").
    /// </summary>
    public static async Task<JsonDocument> ReadDocumentAsync(HttpResponseMessage response, VendorKind vendor, string answered, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new VendorException(new VendorError(vendor, VendorErrorKind.MalformedResponse, $"{answered} with something that is not JSON: {ex.Message}"), ex);
        }
    }
}
