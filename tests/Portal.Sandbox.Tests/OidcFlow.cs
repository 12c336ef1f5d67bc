using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Sandbox.Tests;

/// <summary>Walks the authorization code + PKCE flow the way a browser and a confidential client would.</summary>
internal sealed partial class OidcFlow(HttpClient client)
{
    public const string ClientId = "portal";
    public const string ClientSecret = "portal-dev-secret";
    public const string RedirectUri = "http://localhost:5555/signin-oidc";
    public const string Scopes = "openid profile email roles offline_access";

    private readonly string verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    public string AuthorizeUrl(string redirectUri = RedirectUri, string? prompt = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["response_mode"] = "query",
            ["scope"] = Scopes,
            ["state"] = "state-123",
            ["nonce"] = "nonce-456",
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        if (prompt is not null)
        {
            query["prompt"] = prompt;
        }

        return QueryHelpers.AddQueryString("/dev-oidc/connect/authorize", query);
    }

    /// <summary>Authorize (redirected to the login form), sign in, and return the login form's answer.</summary>
    public async Task<HttpResponseMessage> StartAndSubmitLoginAsync(string username, string password, string? returnUrlOverride = null)
    {
        using var authorize = await client.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginUrl = authorize.Headers.Location!.OriginalString;
        Assert.StartsWith("/dev-oidc/login?returnUrl=", loginUrl);

        using var page = await client.GetAsync(loginUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        fields["username"] = username;
        fields["password"] = password;
        if (returnUrlOverride is not null)
        {
            fields["returnUrl"] = returnUrlOverride;
        }

        return await client.PostAsync("/dev-oidc/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>The whole flow for a demo user: returns the token endpoint's JSON answer.</summary>
    public async Task<JsonElement> SignInAsync(string username, string password)
    {
        using var login = await StartAndSubmitLoginAsync(username, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var authorize = await client.GetAsync(login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = authorize.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", callback.AbsoluteUri);
        var parameters = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-123", parameters["state"].ToString());

        return await RedeemAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = parameters["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        });
    }

    public Task<JsonElement> RefreshAsync(string refreshToken) =>
        RedeemAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public async Task<HttpResponseMessage> PostTokenAsync(Dictionary<string, string> form, string clientSecret = ClientSecret)
    {
        form["client_id"] = ClientId;
        form["client_secret"] = clientSecret;
        return await client.PostAsync("/dev-oidc/connect/token", new FormUrlEncodedContent(form));
    }

    private async Task<JsonElement> RedeemAsync(Dictionary<string, string> form)
    {
        using var response = await PostTokenAsync(form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
