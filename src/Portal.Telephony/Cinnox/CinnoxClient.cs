using Portal.Telephony.Http;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.Timeout;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Cinnox;

/// <summary>
/// The CINNOX Open API over HTTP: <c>GET {BaseURL}/v1/api/apps/{appID}/data/call-detail</c> and recording downloads,
/// with <c>Authorization: Bearer &lt;AppToken&gt;</c>. Errors become <see cref="VendorException"/>.
/// </summary>
internal sealed class CinnoxClient(HttpClient http, VendorConnectionSettings settings)
{
    public const string HttpClientName = "Cinnox";
    public const int RateLimitCode = 6451010;
    public const int MaxLimit = 500;

    private string AppId => settings.Secret(VendorSecrets.AppId);

    /// <summary>The records of <c>[fromUtc, toUtc)</c> from <paramref name="offset"/>, at most <paramref name="limit"/>, as JSON texts.</summary>
    public async Task<IReadOnlyList<string>> GetCallDetailsAsync(DateTime fromUtc, DateTime toUtc, int offset, int limit, CancellationToken cancellationToken)
    {
        var url = $"{BaseUrl()}/v1/api/apps/{Uri.EscapeDataString(AppId)}/data/call-detail" +
                  $"?startAt={Uri.EscapeDataString(Rfc3339(fromUtc))}&endAt={Uri.EscapeDataString(Rfc3339(toUtc))}" +
                  $"&offset={offset.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret(VendorSecrets.AppToken));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        return await ReadRecordsAsync(response, cancellationToken);
    }

    /// <summary>
    /// Opens a recording's <c>downloadUrl</c>, only on the scheme, host and port of the connection's base URL: the App
    /// Token goes nowhere else, and a record cannot make the portal fetch from another host.
    /// </summary>
    public async Task<RecordingContent> OpenRecordingAsync(string downloadUrl, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(new Uri(BaseUrl() + "/"), downloadUrl, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Error(VendorErrorKind.MalformedResponse, $"CINNOX gave a recording download URL that is not a web address: '{downloadUrl}'.");
        }
        if (!VendorNetwork.SameOrigin(uri, settings.BaseUrl))
        {
            throw Error(VendorErrorKind.Rejected,
                $"CINNOX names the recording at {uri.Scheme}://{uri.Authority}; the portal fetches recordings only from the connection's own address ({settings.BaseUrl.Scheme}://{settings.BaseUrl.Authority}).");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Secret(VendorSecrets.AppToken));
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await ThrowIfFailedAsync(response, cancellationToken);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            return new RecordingContent(stream, contentType, response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private string BaseUrl() => settings.BaseUrl.AbsoluteUri.TrimEnd('/');

    private static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Error(VendorErrorKind.Unavailable, $"CINNOX could not be reached at {settings.BaseUrl.Authority}: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Error(VendorErrorKind.Unavailable, $"CINNOX at {settings.BaseUrl.Authority} did not answer in time, also after retries.", inner: ex);
        }
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        CinnoxErrorBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<CinnoxErrorBody>(CinnoxJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not the vendor's JSON error body (a proxy's HTML page): the status code alone has to do.
        }
        throw ToException((int)response.StatusCode, body?.Code, VendorText.Message(body?.Message));
    }

    private async Task<IReadOnlyList<string>> ReadRecordsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (var document = await VendorJson.ReadDocumentAsync(response, VendorKind.Cinnox, "CINNOX answered call-detail", cancellationToken))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(VendorErrorKind.MalformedResponse, "CINNOX answered call-detail with JSON that is not an object.");
            }
            var code = root.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt64(out var c) ? c : 0;
            if (code != 0)
            {
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? VendorText.Message(m.GetString()) : null;
                throw ToException((int)response.StatusCode, code, message);
            }
            if (!root.TryGetProperty("result", out var result) || result.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            {
                throw Error(VendorErrorKind.MalformedResponse, "CINNOX answered call-detail without a 'result' list.");
            }
            return result.ValueKind == JsonValueKind.Null ? [] : result.EnumerateArray().Select(r => r.GetRawText()).ToList();
        }
    }

    private VendorException ToException(int status, long? code, string? message)
    {
        var what = code is null ? $"HTTP {status}" : $"HTTP {status}, code {code}";
        var detail = string.IsNullOrWhiteSpace(message) ? "" : $": {message}";
        return (status, code) switch
        {
            (_, RateLimitCode) or (429, _) => Error(VendorErrorKind.RateLimited,
                $"CINNOX kept answering 'Too many requests' ({what}) after waiting and retrying; the next sync tries again.", status),
            (401, _) => Error(VendorErrorKind.Authentication,
                $"CINNOX rejected the App Token ({what}){detail}. Check the App Token of this connection.", status),
            (403, _) => Error(VendorErrorKind.Authentication,
                $"CINNOX refused this App Token for app '{AppId}' ({what}){detail}. Check that the App ID and the App Token belong to the same app.", status),
            (404, _) => Error(VendorErrorKind.Configuration,
                $"CINNOX does not know this address ({what}){detail}. Check the base URL and the App ID.", status),
            ( >= 500, _) or (_, 6451001) => Error(VendorErrorKind.Unavailable,
                $"CINNOX failed ({what}){detail}, also after retries.", status),
            _ => Error(VendorErrorKind.Rejected, $"CINNOX rejected the request ({what}){detail}.", status),
        };
    }

    private static VendorException Error(VendorErrorKind kind, string message, int? status = null, Exception? inner = null) =>
        new(new VendorError(VendorKind.Cinnox, kind, message, status), inner);
}
