using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// Authenticated requests to one NFON CTI account. Every request carries the current access token; a request
/// answered 401 is sent once more with a renewed token (the token may have been revoked or expired early).
/// Plain requests go through the retrying client; streams and click-to-call through the client without retries
/// (a repeated originate would ring twice).
/// </summary>
internal sealed class NfonCtiClient(IHttpClientFactory httpClients, Uri baseUrl, NfonCtiTokenManager tokens)
{
    public NfonCtiTokenManager Tokens => tokens;

    /// <summary>Sends the request; returns the response whatever its status (the caller reads it and disposes it).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string accept, Func<HttpContent>? content, bool retrying,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(retrying ? NfonCtiAdapterFactory.HttpClientName : NfonCtiAdapterFactory.StreamClientName);
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        var response = await SendOnceAsync(http, method, path, accept, content, token, completion, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        token = await tokens.RenewAsync(token, cancellationToken);
        return await SendOnceAsync(http, method, path, accept, content, token, completion, cancellationToken);
    }

    /// <summary>Sends and reads a response that must succeed; otherwise throws the vendor error.</summary>
    public async Task<string> ReadAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, "application/json", null, retrying: true, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw NfonCtiErrors.FromResponse(response.StatusCode, body);
    }

    public static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException or IOException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, HttpMethod method, string path, string accept, Func<HttpContent>? content,
        string token, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content?.Invoke() };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw NfonCtiErrors.Unreachable(ex);
        }
    }
}
