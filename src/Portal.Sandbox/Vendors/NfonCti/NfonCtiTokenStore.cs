using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>A token pair as <c>/login</c> returns it.</summary>
public sealed record NfonCtiTokenPair(string AccessToken, string RefreshToken);

/// <summary>
/// The tokens the emulator issued: RS512-signed JWTs (the key is in <c>/.well-known/jwks.json</c>), remembered so
/// they can expire and be revoked. Refresh tokens rotate: each is good for exactly one <c>PUT /login</c>, after
/// which it is refused (401); the access tokens issued before stay valid until they expire. Counts logins and
/// refreshes for tests. Thread-safe.
/// </summary>
public sealed class NfonCtiTokenStore(IOptions<NfonCtiEmulatorOptions> options, TimeProvider clock) : IDisposable
{
    private const string AccessKind = "access";
    private const string RefreshKind = "refresh";

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private int _logins;
    private int _refreshes;

    /// <summary>Successful <c>POST /login</c> calls so far.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Successful <c>PUT /login</c> calls so far.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    public NfonCtiTokenPair Login()
    {
        Interlocked.Increment(ref _logins);
        return IssuePair();
    }

    /// <summary>A new pair for a valid, unused refresh token (which is used up); null when it is not one.</summary>
    public NfonCtiTokenPair? Refresh(string refreshToken)
    {
        if (!_tokens.TryRemove(refreshToken, out var issued) || issued.Kind != RefreshKind || issued.ExpiresAtUtc <= Now)
        {
            return null;
        }
        Interlocked.Increment(ref _refreshes);
        return IssuePair();
    }

    public bool IsValidAccessToken(string token) =>
        _tokens.TryGetValue(token, out var issued) && issued.Kind == AccessKind && issued.ExpiresAtUtc > Now;

    /// <summary>Makes every access token issued so far expire now (tests: a token that dies before its time).</summary>
    public void ExpireAccessTokens() => Expire(AccessKind);

    /// <summary>Makes every refresh token issued so far expire now (tests: a refresh that is refused).</summary>
    public void ExpireRefreshTokens() => Expire(RefreshKind);

    /// <summary>The public key set, as <c>/.well-known/jwks.json</c> serves it.</summary>
    public JsonObject Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["alg"] = "RS512",
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                ["kid"] = _keyId,
                ["kty"] = "RSA",
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["use"] = "sig",
            }),
        };
    }

    public void Dispose() => _key.Dispose();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private NfonCtiTokenPair IssuePair()
    {
        Prune();
        return new NfonCtiTokenPair(Issue(AccessKind, options.Value.AccessTokenLifetime), Issue(RefreshKind, options.Value.RefreshTokenLifetime));
    }

    private string Issue(string kind, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        var issuedAt = now.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = "nfon-cti-sandbox",
            ["sub"] = NfonCtiSandbox.Username,
            ["customer"] = NfonCtiSandbox.Tenant,
            ["token_use"] = kind,
            ["iat"] = issuedAt,
            // Whole seconds, as JWTs have them; the emulator itself checks the exact lifetime.
            ["exp"] = issuedAt + Math.Max(1, (long)Math.Ceiling(lifetime.TotalSeconds)),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var header = new JsonObject { ["alg"] = "RS512", ["kid"] = _keyId, ["typ"] = "JWT" };
        var signingInput = Segment(header) + "." + Segment(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        var token = signingInput + "." + Base64Url.EncodeToString(signature);
        _tokens[token] = new IssuedToken(kind, now.UtcDateTime + lifetime);
        return token;
    }

    private void Prune()
    {
        var now = Now;
        foreach (var (token, issued) in _tokens)
        {
            if (issued.ExpiresAtUtc <= now)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }

    private void Expire(string kind)
    {
        foreach (var (token, issued) in _tokens)
        {
            if (issued.Kind == kind)
            {
                _tokens.TryUpdate(token, issued with { ExpiresAtUtc = DateTime.MinValue }, issued);
            }
        }
    }

    private static string Segment(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private sealed record IssuedToken(string Kind, DateTime ExpiresAtUtc);
}
