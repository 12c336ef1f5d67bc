using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Sandbox.Vendors.NfonCallHistory;
using static Portal.Sandbox.Tests.Vendors.NfonCallHistory.NfonEmulatorFixture;

namespace Portal.Sandbox.Tests.Vendors.NfonCallHistory;

/// <summary>"Login with NFON" in the sandbox: authorization code + PKCE S256, refresh tokens, RFC 6749 errors.</summary>
public sealed class NfonOAuthContractTests(NfonEmulatorFixture sandbox) : IClassFixture<NfonEmulatorFixture>
{
    private const string RedirectUri = "http://localhost:5000/connections/nfon/callback";

    [Fact]
    public async Task Authorize_ValidRequest_RedirectsWithCodeAndState()
    {
        using var client = sandbox.Client(token: null);

        using var response = await client.GetAsync(AuthorizeUrl(Challenge("verifier-verifier-verifier-verifier-verifier")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("s1", query["state"]);
        Assert.False(string.IsNullOrEmpty(query["code"]));
    }

    [Theory]
    [InlineData("client_id=other", "invalid_client")]
    [InlineData("redirect_uri=https://evil.example/cb", "invalid_request")]
    [InlineData("code_challenge_method=plain", "invalid_request")]
    [InlineData("response_type=token", "unsupported_response_type")]
    public async Task Authorize_BadRequest_Returns400WithOAuthError(string change, string error)
    {
        using var client = sandbox.Client(token: null);
        var (name, value) = (change.Split('=')[0], change.Split('=', 2)[1]);
        var url = AuthorizeUrl(Challenge("verifier-verifier-verifier-verifier-verifier"), name, value);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_CodeWithWrongVerifierOrReused_IsInvalidGrant()
    {
        using var client = sandbox.Client(token: null);
        var verifier = "verifier-verifier-verifier-verifier-verifier";
        var code = await CodeAsync(client, Challenge(verifier));

        using var wrong = await RedeemAsync(client, code, verifier + "x");
        var code2 = await CodeAsync(client, Challenge(verifier));
        using var right = await RedeemAsync(client, code2, verifier);
        using var reused = await RedeemAsync(client, code2, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(wrong)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(reused)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_RefreshGrant_IssuesAnAccessTokenTheApiAccepts()
    {
        using var client = sandbox.Client(token: null);
        var first = await SignInAsync(client);

        using var refreshed = await client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
            ["client_id"] = NfonCallHistorySandbox.ClientId,
        }));
        var tokens = await JsonAsync(refreshed);
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("access_token").GetString());
        using var records = await client.GetAsync("records?limit=1");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(300, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
    }

    [Theory]
    [InlineData("grant_type=password", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [InlineData("grant_type=refresh_token&refresh_token=forged", HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData("grant_type=refresh_token&refresh_token=x&client_id=other", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Token_BadRequest_ReturnsOAuthError(string form, HttpStatusCode status, string error)
    {
        using var client = sandbox.Client(token: null);
        var fields = QueryHelpers.ParseQuery(form).ToDictionary(f => f.Key, f => f.Value.ToString());
        fields.TryAdd("client_id", NfonCallHistorySandbox.ClientId);

        using var response = await client.PostAsync("oauth/token", new FormUrlEncodedContent(fields));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await JsonAsync(response)).GetProperty("error").GetString());
    }

    /// <summary>The whole login; <paramref name="client"/> has the emulator's base address.</summary>
    internal static async Task<JsonElement> SignInAsync(HttpClient client)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var code = await CodeAsync(client, Challenge(verifier));
        using var response = await RedeemAsync(client, code, verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static async Task<string> CodeAsync(HttpClient client, string challenge)
    {
        using var response = await client.GetAsync(AuthorizeUrl(challenge));
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"]!;
    }

    private static Task<HttpResponseMessage> RedeemAsync(HttpClient client, string code, string verifier) =>
        client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = NfonCallHistorySandbox.ClientId,
            ["code_verifier"] = verifier,
        }));

    private static string AuthorizeUrl(string challenge, string? overrideName = null, string? overrideValue = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = NfonCallHistorySandbox.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "s1",
        };
        if (overrideName is not null)
        {
            parameters[overrideName] = overrideValue;
        }
        return QueryHelpers.AddQueryString("oauth/authorize", parameters);
    }

    private static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
