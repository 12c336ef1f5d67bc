using Portal.Telephony.Http;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.Timeout;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Unpod;

/// <summary>One page of call logs: the total count across all pages and this page's records as JSON texts.</summary>
internal sealed record UnpodPage(int Count, IReadOnlyList<string> Records);

/// <summary>
/// The Unpod call-logs API over HTTP: <c>GET {BaseURL}/api/v2/platform/call-logs/</c> with
/// <c>Authorization: Token &lt;token&gt;</c>, <c>Org-Handle</c> and, when the connection has one, <c>Product-Id</c> (the
/// open-source server answers 400 without it). Errors become <see cref="VendorException"/>.
/// </summary>
internal sealed class UnpodClient(HttpClient http, VendorConnectionSettings settings)
{
    public const string HttpClientName = "Unpod";
    public const string OrgHandleHeader = "Org-Handle";
    public const string ProductIdHeader = "Product-Id";
    /// <summary>The open-source server's date filter (start_time/end_time), which it compares by date only.</summary>
    public const string ServerTimeFormat = "dd-MM-yyyy HH:mm:ss";

    private string OrgHandle => settings.Secret(VendorSecrets.OrgHandle);

    /// <summary>
    /// Page <paramref name="page"/> (1-based) of the calls created in <c>[fromUtc, toUtc)</c>, or of all calls without a window.
    /// The window goes out twice: as the documented start_date/end_date (ISO 8601, exact) and as the open-source server's
    /// start_time/end_time, which it compares by date only, so that one is a whole day wider on each side. Each server ignores
    /// the other's parameters; the caller drops what lies outside the window.
    /// </summary>
    public async Task<UnpodPage> GetCallLogsAsync(int page, int pageSize, (DateTime FromUtc, DateTime ToUtc)? window, CancellationToken cancellationToken)
    {
        var url = $"{settings.BaseUrl.AbsoluteUri.TrimEnd('/')}/api/v2/platform/call-logs/" +
                  $"?page={page.ToString(CultureInfo.InvariantCulture)}&page_size={pageSize.ToString(CultureInfo.InvariantCulture)}";
        if (window is var (fromUtc, toUtc))
        {
            url += $"&start_date={Uri.EscapeDataString(Iso8601(fromUtc))}&end_date={Uri.EscapeDataString(Iso8601(toUtc))}" +
                   $"&start_time={Uri.EscapeDataString(ServerTime(fromUtc.AddDays(-1)))}&end_time={Uri.EscapeDataString(ServerTime(toUtc.AddDays(1)))}";
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", settings.Secret(VendorSecrets.Token));
        request.Headers.Add(OrgHandleHeader, OrgHandle);
        if (settings.OptionalSecret(VendorSecrets.ProductId) is { } productId)
        {
            request.Headers.Add(ProductIdHeader, productId);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
        return await ReadPageAsync(response, cancellationToken);
    }

    /// <summary>Microseconds, the finest precision a Django backend reads.</summary>
    private static string Iso8601(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string ServerTime(DateTime utc) => utc.ToString(ServerTimeFormat, CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Error(VendorErrorKind.Unavailable, $"Unpod could not be reached at {settings.BaseUrl.Authority}: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Error(VendorErrorKind.Unavailable, $"Unpod at {settings.BaseUrl.Authority} did not answer in time, also after retries.", inner: ex);
        }
    }

    private static async Task<UnpodPage> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (var document = await VendorJson.ReadDocumentAsync(response, VendorKind.Unpod, "Unpod answered call-logs", cancellationToken))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("count", out var count) || !count.TryGetInt32(out var total))
            {
                throw Error(VendorErrorKind.MalformedResponse, "Unpod answered call-logs without the {count, data} envelope.");
            }
            return new UnpodPage(total, data.EnumerateArray().Select(r => r.GetRawText()).ToList());
        }
    }

    private async Task<VendorException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            message = VendorText.Message((await response.Content.ReadFromJsonAsync<UnpodEnvelope>(UnpodJson.Options, cancellationToken))?.Message);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not Unpod's JSON envelope (a proxy's HTML page): the status code alone has to do.
        }
        var status = (int)response.StatusCode;
        var detail = string.IsNullOrWhiteSpace(message) ? "" : $": {message}";
        return status switch
        {
            401 => Error(VendorErrorKind.Authentication,
                $"Unpod rejected the API token (401){detail} Check the token of this connection.", status),
            403 => Error(VendorErrorKind.Authentication,
                $"Unpod refused the organisation handle '{OrgHandle}' (403){detail} Use a domain_handle that GET /api/v2/platform/organizations/ lists for this token.", status),
            404 => Error(VendorErrorKind.Configuration,
                $"Unpod does not know this address or organisation (404){detail} Check the base URL and the organisation handle.", status),
            429 => Error(VendorErrorKind.RateLimited,
                $"Unpod kept answering 'Too many requests' (429) after waiting and retrying; the next sync tries again.", status),
            >= 500 => Error(VendorErrorKind.Unavailable, $"Unpod failed ({status}){detail}, also after retries.", status),
            400 when settings.OptionalSecret(VendorSecrets.ProductId) is null => Error(VendorErrorKind.Rejected,
                $"Unpod rejected the request (400){detail} A self-hosted Unpod server also needs the connection's Product ID (sent as Product-Id).", status),
            _ => Error(VendorErrorKind.Rejected, $"Unpod rejected the request ({status}){detail}", status),
        };
    }

    private static VendorException Error(VendorErrorKind kind, string message, int? status = null, Exception? inner = null) =>
        new(new VendorError(VendorKind.Unpod, kind, message, status), inner);
}
