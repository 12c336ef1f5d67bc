using System.Net.Http.Headers;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Http;

/// <summary>
/// Sits right on the network handler of a vendor client (inside any retries): a redirect and a refused destination
/// become a <see cref="VendorException"/> in words (neither is retried); an error body is cut to its first
/// <see cref="MaxErrorBodyBytes"/>; a JSON or text body beyond <c>maxDocumentBytes</c> is refused.
/// </summary>
internal sealed class VendorResponseGuard(VendorKind vendor, long? maxDocumentBytes) : DelegatingHandler
{
    /// <summary>Enough for any vendor's error envelope; only its message is ever shown.</summary>
    public const int MaxErrorBodyBytes = 4096;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (VendorNetwork.RefusalIn(ex) is { } refused)
        {
            throw new VendorException(new VendorError(vendor, VendorErrorKind.Configuration, refused.Message), ex);
        }

        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            using (response)
            {
                throw VendorNetwork.RedirectRefused(vendor, response);
            }
        }
        if (!response.IsSuccessStatusCode)
        {
            response.Content = new BoundedContent(response.Content, MaxErrorBodyBytes, tooLarge: null);
        }
        else if (maxDocumentBytes is { } limit && IsDocument(response.Content.Headers.ContentType))
        {
            var authority = request.RequestUri?.Authority;
            VendorException TooLarge() => new(new VendorError(vendor, VendorErrorKind.MalformedResponse,
                $"{authority} answered with more than {limit / (1024 * 1024)} MB; the portal reads at most that much from one answer.", status));
            if (response.Content.Headers.ContentLength > limit)
            {
                response.Dispose();
                throw TooLarge();
            }
            response.Content = new BoundedContent(response.Content, limit, TooLarge);
        }
        return response;
    }

    /// <summary>JSON and text are read whole; audio and event streams are not documents.</summary>
    private static bool IsDocument(MediaTypeHeaderValue? contentType) => contentType?.MediaType?.ToLowerInvariant() switch
    {
        null => true,
        "text/event-stream" => false,
        var type => type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("json", StringComparison.Ordinal),
    };
}
