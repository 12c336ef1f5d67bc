using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Polly.Timeout;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.WebFones;

/// <summary>
/// The two calls of WebFones Call Log Access 3.0/3.1, with the API key in <c>x-api-key</c>. Every request first
/// takes its place in the key's rolling window (waiting as long as needed); errors become <see cref="VendorException"/>.
/// </summary>
internal sealed class WebFonesClient(HttpClient http, VendorConnectionSettings settings, WebFonesRequestLimiters limiters)
{
    public const string HttpClientName = "WebFones";

    /// <summary>An answer that sends nothing for this long while it is being read is given up (and read again next time).</summary>
    public static readonly TimeSpan BodyIdleTimeout = WebFonesServiceCollectionExtensions.RetryPolicy.AttemptTimeout;

    /// <summary>
    /// <c>GET /call_log/records_after_timestamp?timestamp=YYYY-MM-DD%20HH:MM:SS</c>: every record after it, one by one as
    /// the answer arrives.
    /// </summary>
    public async IAsyncEnumerable<WebFonesItem> ReadRecordsAfterAsync(string localTimestamp, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = "call_log/records_after_timestamp?timestamp=" + localTimestamp.Replace(" ", "%20", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(path));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "the call records", cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in WebFonesAnswerReader.ReadAsync(body, BodyIdleTimeout, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary><c>GET /call_log/recording/:rid</c> (3.1): the audio as a stream; 404 when the call has none.</summary>
    public async Task<RecordingContent> OpenRecordingAsync(string rid, CancellationToken cancellationToken)
    {
        if (!long.TryParse(rid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Error(VendorErrorKind.Rejected, $"'{rid}' is not a WebFones record id (rid).", null);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve("call_log/recording/" + rid));
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw Error(VendorErrorKind.Rejected,
                    $"WebFones has no recording for call {rid} (404). Recordings need Call Log Access 3.1 and a call that was recorded.", 404);
            }
            await EnsureSuccessAsync(response, $"the recording of call {rid}", cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(VendorErrorKind.MalformedResponse, $"WebFones answered the recording of call {rid} with {contentType} instead of audio.", (int)response.StatusCode);
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new RecordingContent(stream, contentType, response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private Uri Resolve(string relative)
    {
        var baseUrl = settings.BaseUrl.AbsoluteUri;
        return new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), relative);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var apiKey = settings.Secret(VendorSecrets.ApiKey);
        request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        var limiter = limiters.For(apiKey);
        await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        request.Options.Set(WebFonesAttemptHandler.PermitsKey, new WebFonesAttemptPermits(limiter));
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw Error(VendorErrorKind.Unavailable, $"WebFones could not be reached at {settings.BaseUrl.Authority}: {ex.Message}", null, ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var said = await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Error(VendorErrorKind.Authentication,
                "WebFones says the API key is missing (401). Enter the connection's API key.", status),
            HttpStatusCode.Forbidden => Error(VendorErrorKind.Authentication,
                "WebFones rejected the API key (403). Check the key with your WebFones administrator.", status),
            HttpStatusCode.TooManyRequests => Error(VendorErrorKind.RateLimited,
                "WebFones kept answering 429 Too Many Requests after waiting (it allows 1000 requests per 15 minutes per API key). "
                + "Another program may be using the same key; the next sync tries again.", status),
            HttpStatusCode.BadRequest => Error(VendorErrorKind.Rejected, $"WebFones rejected the request for {what} (400){said}.", status),
            HttpStatusCode.NotFound => Error(VendorErrorKind.Rejected,
                $"WebFones answered 404 for {what}: check the connection's base URL (normally https://api.webfones.com:2343).", status),
            _ when status >= 500 => Error(VendorErrorKind.Unavailable, $"WebFones failed with {status} for {what}, also after retries{said}.", status),
            _ => Error(VendorErrorKind.Rejected, $"WebFones answered {status} for {what}{said}.", status),
        };
    }

    /// <summary>": " and the <c>error</c> (and <c>message</c>) of WebFones' documented error body; "" for any other body.</summary>
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                var message = document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return VendorText.Message(message is null ? error.GetString() : $"{error.GetString()} ({message})") is { } said ? ": " + said.TrimEnd('.') : "";
            }
        }
        catch (JsonException)
        {
            // not the documented error body: the status alone says what happened
        }
        return "";
    }

    private static VendorException Error(VendorErrorKind kind, string message, int? status, Exception? inner = null) =>
        new(new VendorError(VendorKind.WebFones, kind, message, status), inner);
}
