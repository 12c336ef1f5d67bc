using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// "Login with NFON" in the sandbox: authorization codes (PKCE S256, one use, two minutes), access tokens
/// (JWT, user-level: no <c>customer</c> claim) and refresh tokens (JWT, not rotated), and the check of every API
/// request's bearer token. Counters and <see cref="ExpireAccessTokens"/> are for tests. Thread-safe.
/// </summary>
public sealed class NfonOAuthServer(TimeProvider clock, FaultRegistry faults)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private int _generation;
    private int _accessTokensIssued;
    private int _refreshGrants;
    private int _rejectedRequests;

    /// <summary>Lifetime of the access tokens issued from now on.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = NfonCallHistorySandbox.DefaultAccessTokenLifetime;

    public int AccessTokensIssued => Volatile.Read(ref _accessTokensIssued);
    public int RefreshGrants => Volatile.Read(ref _refreshGrants);
    /// <summary>API requests answered 401.</summary>
    public int RejectedRequests => Volatile.Read(ref _rejectedRequests);

    /// <summary>Every access token issued so far stops working (as if expired); refresh tokens keep working.</summary>
    public void ExpireAccessTokens() => Interlocked.Increment(ref _generation);

    internal string IssueCode(string redirectUri, string codeChallenge)
    {
        var code = NfonJwt.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(redirectUri, codeChallenge, clock.GetUtcNow() + CodeLifetime);
        return code;
    }

    internal OAuthOutcome RedeemCode(string code, string? redirectUri, string? codeVerifier)
    {
        if (!_codes.TryRemove(code, out var pending) || pending.ExpiresAt < clock.GetUtcNow())
        {
            return OAuthOutcome.Fail("invalid_grant", "The authorization code is unknown, used or expired.");
        }
        if (!string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return OAuthOutcome.Fail("invalid_grant", "redirect_uri does not match the authorization request.");
        }
        if (string.IsNullOrEmpty(codeVerifier) || !FixedEquals(Challenge(codeVerifier), pending.CodeChallenge))
        {
            return OAuthOutcome.Fail("invalid_grant", "The code_verifier does not match the code_challenge.");
        }
        return Issue(NewRefreshToken());
    }

    internal OAuthOutcome Refresh(string refreshToken)
    {
        if (faults.Get(VendorKind.NfonCallHistory).TokensRevoked)
        {
            return OAuthOutcome.Fail("invalid_grant", "The refresh token has been revoked.");
        }
        if (!NfonJwt.TryRead(refreshToken, out var payload) || Text(payload, "typ") != "refresh" || Text(payload, "client_id") != NfonCallHistorySandbox.ClientId)
        {
            return OAuthOutcome.Fail("invalid_grant", "The refresh token is not valid.");
        }
        Interlocked.Increment(ref _refreshGrants);
        return Issue(refreshToken);
    }

    /// <summary>Checks an API request's Authorization header; null when it may pass, otherwise why not.</summary>
    internal string? Reject(string? authorization, out bool customerLevel)
    {
        customerLevel = false;
        var reason = Check(authorization, out customerLevel);
        if (reason is not null)
        {
            Interlocked.Increment(ref _rejectedRequests);
        }
        return reason;
    }

    private string? Check(string? authorization, out bool customerLevel)
    {
        customerLevel = false;
        if (faults.Get(VendorKind.NfonCallHistory).TokensRevoked)
        {
            return "The access token has been revoked.";
        }
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Missing bearer token.";
        }
        var token = authorization["Bearer ".Length..].Trim();
        if (token == NfonCallHistorySandbox.StaticAccessToken)
        {
            customerLevel = true;
            return null;
        }
        if (!NfonJwt.TryRead(token, out var payload) || Text(payload, "typ") != "access")
        {
            return "Invalid access token.";
        }
        var expired = !payload.TryGetProperty("exp", out var exp) || exp.GetInt64() <= clock.GetUtcNow().ToUnixTimeSeconds()
            || !payload.TryGetProperty("gen", out var generation) || generation.GetInt32() != Volatile.Read(ref _generation);
        return expired ? "The access token has expired." : null;
    }

    private OAuthOutcome Issue(string refreshToken)
    {
        var now = clock.GetUtcNow();
        var lifetime = AccessTokenLifetime;
        var accessToken = NfonJwt.Create(new Dictionary<string, object>
        {
            ["iss"] = "nfon-sandbox",
            ["sub"] = "sandbox-user",
            ["typ"] = "access",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["gen"] = Volatile.Read(ref _generation),
            ["jti"] = Guid.NewGuid().ToString("N"),
        });
        Interlocked.Increment(ref _accessTokensIssued);
        return new OAuthOutcome(new OAuthTokens(accessToken, "Bearer", (int)lifetime.TotalSeconds, refreshToken), null, null);
    }

    private string NewRefreshToken() => NfonJwt.Create(new Dictionary<string, object>
    {
        ["iss"] = "nfon-sandbox",
        ["sub"] = "sandbox-user",
        ["typ"] = "refresh",
        ["client_id"] = NfonCallHistorySandbox.ClientId,
        ["iat"] = clock.GetUtcNow().ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
    });

    internal static string Challenge(string verifier) => NfonJwt.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record PendingCode(string RedirectUri, string CodeChallenge, DateTimeOffset ExpiresAt);
}

internal sealed record OAuthTokens(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken);

internal sealed record OAuthOutcome(OAuthTokens? Tokens, string? Error, string? Description)
{
    public static OAuthOutcome Fail(string error, string description) => new(null, error, description);
}
