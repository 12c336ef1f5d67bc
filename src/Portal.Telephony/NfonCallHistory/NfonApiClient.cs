using System.Net;
using System.Text.Json;
using Polly.Timeout;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCallHistory;

internal static class NfonCallHistoryNames
{
    public const string ApiClient = "NfonCallHistory";
    public const string StreamClient = "NfonCallHistory.Stream";
}

/// <summary>
/// The HTTP side of one NFON Call History connection: URLs under the base URL, the bearer token (renewed once after
/// a 401 when it is an OAuth token), and NFON's answers turned into <see cref="VendorException"/>s a person can act on.
/// </summary>
internal sealed class NfonApiClient(HttpClient api, HttpClient stream, VendorConnectionSettings settings, INfonAccessToken token)
{
    public VendorConnectionSettings Settings => settings;

    public Uri Url(string pathAndQuery) => new(settings.BaseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    /// <summary>Sends a request (built anew for each try) with the bearer token; a 401 renews an OAuth token and tries once more.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string doing, bool streaming, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bearer = await token.GetAsync(cancellationToken).ConfigureAwait(false);
            using var request = create();
            request.Headers.Authorization = new("Bearer", bearer);
            HttpResponseMessage response;
            try
            {
                response = await (streaming ? stream : api).SendAsync(request,
                    streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new VendorException(new VendorError(VendorKind.NfonCallHistory, VendorErrorKind.Unavailable,
                    $"NFON Call History could not be reached at {settings.BaseUrl.Host} while {doing}: {ex.Message}"), ex);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0
                && await token.RenewAfterRejectionAsync(bearer, cancellationToken).ConfigureAwait(false))
            {
                response.Dispose();
                continue;
            }
            return response;
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string doing, CancellationToken cancellationToken) =>
        SendAsync(() => Request(method, pathAndQuery), doing, streaming: false, cancellationToken);

    /// <summary>GET returning the body as a JSON document; throws for anything but 2xx with JSON.</summary>
    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, string doing, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, doing, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, doing, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new VendorException(new VendorError(VendorKind.NfonCallHistory, VendorErrorKind.MalformedResponse,
                $"NFON Call History answered {doing} with something that is not JSON: {ex.Message}", (int)response.StatusCode), ex);
        }
    }

    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, Url(pathAndQuery));
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw Failure(response, doing, body);
    }

    public static VendorException Failure(HttpResponseMessage response, string doing, string body)
    {
        var status = (int)response.StatusCode;
        var said = VendorMessage(body);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? $" Request id: {ids.First()}." : "";
        var detail = $"{status}{(said is null ? "" : ": " + said)}";
        var (kind, message) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (VendorErrorKind.Authentication,
                $"NFON Call History rejected the access token ({detail}) while {doing}. Connect the account again with \"Login with NFON\" or enter a new access token."),
            HttpStatusCode.TooManyRequests => (VendorErrorKind.RateLimited,
                $"NFON Call History kept asking to slow down ({detail}) while {doing}, also after waiting; the next sync tries again."),
            HttpStatusCode.NotFound => (VendorErrorKind.Rejected,
                $"NFON Call History answered {detail} while {doing}. Check the base URL (e.g. https://api.nfon.com/call-history)."),
            _ when status >= 500 => (VendorErrorKind.Unavailable,
                $"NFON Call History failed ({detail}) while {doing}, also after retries."),
            _ => (VendorErrorKind.Rejected, $"NFON Call History rejected the request ({detail}) while {doing}."),
        };
        return new VendorException(new VendorError(VendorKind.NfonCallHistory, kind, message + requestId, status));
    }

    /// <summary>NFON's documented <c>{"error": "..."}</c>; null for any other body (which is never shown).</summary>
    private static string? VendorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return VendorText.Message(error.GetString());
            }
        }
        catch (JsonException)
        {
            // not the documented error body: the status alone says what happened
        }
        return null;
    }
}
