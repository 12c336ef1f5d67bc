using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Polly.Timeout;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCallHistory;

/// <summary>The bearer token of one connection: a static one, or one refreshed with OAuth ("Login with NFON").</summary>
internal interface INfonAccessToken
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>After a 401 for <paramref name="rejected"/>: true when a new token may be tried (OAuth), false when not (static).</summary>
    ValueTask<bool> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken);
}

internal sealed class NfonStaticAccessToken(string token) : INfonAccessToken
{
    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public ValueTask<bool> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

/// <summary>Settings without usable credentials: every use reports what is missing (TestConnectionAsync shows it).</summary>
internal sealed class NfonMissingCredentials(VendorError error) : INfonAccessToken
{
    public ValueTask<string> GetAsync(CancellationToken cancellationToken) => throw new VendorException(error);

    public ValueTask<bool> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

/// <summary>
/// The access tokens of every OAuth credential, shared by all adapters of the process: one refresh at a time per
/// credential, refreshed shortly before expiry and after a 401.
/// </summary>
internal sealed class NfonTokenCache(IHttpClientFactory httpClients, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, NfonOAuthAccessToken> _tokens = new(StringComparer.Ordinal);

    public INfonAccessToken For(VendorConnectionSettings settings)
    {
        if (settings.OptionalSecret(VendorSecrets.RefreshToken) is { } refreshToken)
        {
            var tokenUrl = settings.OptionalSecret(VendorSecrets.TokenUrl);
            var clientId = settings.OptionalSecret(VendorSecrets.ClientId);
            if (tokenUrl is null || clientId is null || !Uri.TryCreate(tokenUrl, UriKind.Absolute, out var tokenUri)
                || (tokenUri.Scheme != Uri.UriSchemeHttps && tokenUri.Scheme != Uri.UriSchemeHttp))
            {
                return new NfonMissingCredentials(new VendorError(VendorKind.NfonCallHistory, VendorErrorKind.Configuration,
                    $"The NFON Call History connection has a {VendorSecrets.RefreshToken} but no valid {VendorSecrets.TokenUrl} (an absolute https URL) and {VendorSecrets.ClientId}."));
            }
            var key = string.Join('\n', tokenUri.AbsoluteUri, clientId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken))));
            return _tokens.GetOrAdd(key, _ => new NfonOAuthAccessToken(httpClients, clock, tokenUri, clientId, refreshToken));
        }
        if (settings.OptionalSecret(VendorSecrets.AccessToken) is { } accessToken)
        {
            return new NfonStaticAccessToken(accessToken);
        }
        return new NfonMissingCredentials(new VendorError(VendorKind.NfonCallHistory, VendorErrorKind.Configuration,
            $"The NFON Call History connection has no credentials: connect it with \"Login with NFON\" or enter an {VendorSecrets.AccessToken}."));
    }
}

/// <summary>One OAuth credential: the current access token and the refresh token (which NFON may rotate).</summary>
internal sealed class NfonOAuthAccessToken(IHttpClientFactory httpClients, TimeProvider clock, Uri tokenUrl, string clientId, string refreshToken)
    : INfonAccessToken
{
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxEarlyRefresh = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _refreshToken = refreshToken;
    private volatile CurrentToken? _current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() < current.RefreshAt)
        {
            return current.Token;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Token;
            }
            return (_current = await RefreshAsync(cancellationToken).ConfigureAwait(false)).Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> RenewAfterRejectionAsync(string rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is null || _current.Token == rejected) // others may have renewed it meanwhile
            {
                _current = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CurrentToken> RefreshAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = _refreshToken,
                ["client_id"] = clientId,
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(NfonCallHistoryNames.ApiClient).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Error(VendorErrorKind.Unavailable, $"NFON's login service at {tokenUrl.Host} could not be reached to renew the access token: {ex.Message}", null, ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            NfonTokenResponse? answer = null;
            try
            {
                answer = JsonSerializer.Deserialize<NfonTokenResponse>(body, NfonJson.Options);
            }
            catch (JsonException)
            {
                // reported below
            }
            if (!response.IsSuccessStatusCode)
            {
                var detail = VendorText.Message(answer?.Error) is { } error
                    ? $"{error}{(VendorText.Message(answer!.ErrorDescription) is { } d ? ": " + d : "")}"
                    : $"HTTP {(int)response.StatusCode}";
                throw answer?.Error switch
                {
                    "invalid_grant" => Error(VendorErrorKind.Authentication,
                        $"NFON refused to renew the access token ({detail}). Connect the account again with \"Login with NFON\".", response.StatusCode),
                    "invalid_client" or "unauthorized_client" => Error(VendorErrorKind.Configuration,
                        $"NFON does not accept the OAuth client id '{clientId}' ({detail}). Check the connection's {VendorSecrets.ClientId}.", response.StatusCode),
                    _ when (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests => Error(VendorErrorKind.Unavailable,
                        $"NFON's login service failed to renew the access token ({detail}), also after retries.", response.StatusCode),
                    _ => Error(VendorErrorKind.Authentication, $"NFON's login service refused to renew the access token ({detail}).", response.StatusCode),
                };
            }
            if (string.IsNullOrEmpty(answer?.AccessToken))
            {
                throw Error(VendorErrorKind.MalformedResponse, "NFON's login service answered without an access_token.", response.StatusCode);
            }
            if (!string.IsNullOrEmpty(answer.RefreshToken))
            {
                _refreshToken = answer.RefreshToken; // rotated: kept for this process (the stored one stays the original)
            }
            var lifetime = answer.ExpiresIn is > 0 and < 31_536_000 and var seconds ? TimeSpan.FromSeconds(seconds) : AssumedLifetime;
            var early = TimeSpan.FromTicks(Math.Min(MaxEarlyRefresh.Ticks, lifetime.Ticks / 2));
            return new CurrentToken(answer.AccessToken, clock.GetUtcNow() + lifetime - early);
        }
    }

    private static VendorException Error(VendorErrorKind kind, string message, HttpStatusCode? status, Exception? inner = null) =>
        new(new VendorError(VendorKind.NfonCallHistory, kind, message, status is null ? null : (int)status), inner);

    private sealed record CurrentToken(string Token, DateTimeOffset RefreshAt);
}
