using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// The tokens of one NFON CTI credential, shared by every adapter of it. Access tokens live 5 minutes (the JWT's
/// <c>exp - iat</c>, measured from when the token arrived, so clock skew does not matter); each is renewed
/// before it runs out: 60 s early, or at 80 % of the lifetime when that is shorter. Renewal uses the refresh
/// token (<c>PUT /login</c>, which answers a new pair; the emulator refuses a refresh token used twice), and
/// signs in again (<c>POST /login</c>) when that fails. Exactly one renewal runs at a time: callers that find
/// the token renewed while they waited take the new one.
/// </summary>
internal sealed class NfonCtiTokenManager(IHttpClientFactory httpClients, Uri baseUrl, string username, string password, TimeProvider clock)
{
    private static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TokenState? _current;

    /// <summary>A usable access token: the current one, or a renewed one when it is due.</summary>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && Now < current.RenewAtUtc ? current.AccessToken : await RenewAsync(current?.AccessToken, cancellationToken);
    }

    /// <summary>Renews the token unless another caller already replaced <paramref name="staleToken"/> with a fresh one.</summary>
    public async Task<string> RenewAsync(string? staleToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            if (current is not null && current.AccessToken != staleToken && Now < current.RenewAtUtc)
            {
                return current.AccessToken;
            }
            var renewed = await ObtainAsync(current, cancellationToken);
            Volatile.Write(ref _current, renewed);
            return renewed.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Signs in with the username and password, whatever token is held (connection test).</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _current, await LoginAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<TokenState> ObtainAsync(TokenState? current, CancellationToken cancellationToken)
    {
        if (current?.RefreshToken is { } refreshToken)
        {
            try
            {
                return await RefreshAsync(refreshToken, cancellationToken);
            }
            catch (VendorException ex) when (ex.Error.Kind is VendorErrorKind.Authentication or VendorErrorKind.Rejected)
            {
                // The refresh token is used up or expired: sign in again below.
            }
            catch (VendorException) when (Now < current.ExpiresAtUtc)
            {
                return current; // NFON CTI is briefly unavailable; the token still works, the next call tries again.
            }
        }
        return await LoginAsync(cancellationToken);
    }

    private async Task<TokenState> LoginAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "login"))
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["username"] = username, ["password"] = password }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync(request, refresh: false, cancellationToken);
    }

    private async Task<TokenState> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUrl, "login"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshToken);
        return await SendAsync(request, refresh: true, cancellationToken);
    }

    private async Task<TokenState> SendAsync(HttpRequestMessage request, bool refresh, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(NfonCtiAdapterFactory.HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (NfonCtiClient.IsTransportFailure(ex, cancellationToken))
        {
            throw NfonCtiErrors.Unreachable(ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized when !refresh => NfonCtiErrors.BadCredentials(),
                    HttpStatusCode.BadRequest when !refresh => new VendorException(new VendorError(Calls.VendorKind.NfonCti, VendorErrorKind.Configuration,
                        "NFON CTI refused the login request (400): check the API username and password.", 400)),
                    HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized => new VendorException(new VendorError(Calls.VendorKind.NfonCti,
                        VendorErrorKind.Authentication, $"NFON CTI refused the refresh token ({(int)response.StatusCode}).", (int)response.StatusCode)),
                    _ => NfonCtiErrors.FromResponse(response.StatusCode, body),
                };
            }
            NfonCtiTokens? tokens;
            try
            {
                tokens = JsonSerializer.Deserialize<NfonCtiTokens>(body, NfonCtiJson.Options);
            }
            catch (JsonException ex)
            {
                throw NfonCtiErrors.Malformed("a login answer", ex);
            }
            if (string.IsNullOrEmpty(tokens?.AccessToken))
            {
                throw NfonCtiErrors.Malformed("a login answer without an access-token");
            }
            var lifetime = Lifetime(tokens.AccessToken);
            var receivedAt = Now;
            var margin = TimeSpan.FromTicks(Math.Min(MaxRenewalMargin.Ticks, lifetime.Ticks / 5));
            return new TokenState(tokens.AccessToken, string.IsNullOrEmpty(tokens.RefreshToken) ? null : tokens.RefreshToken,
                receivedAt + lifetime - margin, receivedAt + lifetime);
        }
    }

    /// <summary>The JWT's <c>exp - iat</c>; five minutes for an opaque token or one without those claims.</summary>
    internal static TimeSpan Lifetime(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            return AssumedLifetime;
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = payload.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("exp", out var exp) && exp.TryGetDouble(out var expires)
                && root.TryGetProperty("iat", out var iat) && iat.TryGetDouble(out var issued)
                && expires > issued
                ? TimeSpan.FromSeconds(expires - issued)
                : AssumedLifetime;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return AssumedLifetime;
        }
    }

    private sealed record TokenState(string AccessToken, string? RefreshToken, DateTime RenewAtUtc, DateTime ExpiresAtUtc);
}
