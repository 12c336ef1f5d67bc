using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Vendors.NfonCti;

namespace Portal.Sandbox.Tests.Vendors.NfonCti;

public sealed class NfonCtiAuthContractTests(NfonCtiEmulatorFixture fixture) : IClassFixture<NfonCtiEmulatorFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ClearFaultsAsync();

    [Fact]
    public async Task PostLogin_SandboxCredentials_Returns200WithHyphenatedRs512TokenPair()
    {
        using var client = fixture.Client();

        using var response = await client.PostAsJsonAsync("login", new { username = "sandbox", password = "sandbox" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["access-token", "refresh-token"], tokens.EnumerateObject().Select(p => p.Name));
        var header = NfonCtiJwt.Header(tokens.GetProperty("access-token").GetString()!);
        Assert.Equal("RS512", header.GetProperty("alg").GetString());
        var payload = NfonCtiJwt.Payload(tokens.GetProperty("access-token").GetString()!);
        Assert.Equal(300, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()); // five minutes
    }

    [Fact]
    public async Task GetJwks_AccessToken_VerifiesWithThePublishedRs512Key()
    {
        using var client = fixture.Client();
        var (access, _) = await NfonCtiEmulatorFixture.LoginAsync(client);

        var jwks = await client.GetFromJsonAsync<JsonElement>(".well-known/jwks.json");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(("RS512", "RSA", "sig"), (key.GetProperty("alg").GetString(), key.GetProperty("kty").GetString(), key.GetProperty("use").GetString()));
        Assert.Equal(key.GetProperty("kid").GetString(), NfonCtiJwt.Header(access).GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        var parts = access.Split('.');
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("""{"username":"sandbox","password":"wrong"}""", HttpStatusCode.Unauthorized)]
    [InlineData("""{"username":"someone","password":"sandbox"}""", HttpStatusCode.Unauthorized)]
    [InlineData("""{"username":"sandbox"}""", HttpStatusCode.BadRequest)]
    [InlineData("""not json""", HttpStatusCode.BadRequest)]
    [InlineData("""[]""", HttpStatusCode.BadRequest)]
    public async Task PostLogin_BadCredentialsOrBody_AnswersWithoutBody(string body, HttpStatusCode expected)
    {
        using var client = fixture.Client();

        using var response = await client.PostAsync("login", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task PutLogin_RefreshToken_ReturnsNewPairAndRefusesTheUsedRefreshToken()
    {
        using var client = fixture.Client();
        var (access, refresh) = await NfonCtiEmulatorFixture.LoginAsync(client);

        using var first = await Refresh(client, refresh);
        using var second = await Refresh(client, refresh);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var pair = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(access, pair.GetProperty("access-token").GetString());
        Assert.NotEqual(refresh, pair.GetProperty("refresh-token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        using var renewed = await Refresh(client, pair.GetProperty("refresh-token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task PutLogin_AccessTokenInsteadOfRefreshToken_Returns401()
    {
        using var client = fixture.Client();
        var (access, _) = await NfonCtiEmulatorFixture.LoginAsync(client);

        using var response = await Refresh(client, access);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PutLogin_NoToken_Returns400()
    {
        using var client = fixture.Client();

        using var response = await client.PutAsync("login", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "extensions/phone/data", null)]
    [InlineData("GET", "extensions/phone/states", "not-a-token")]
    [InlineData("GET", "extensions/phone/calls", "not-a-token")]
    [InlineData("POST", "extensions/phone/calls", null)]
    [InlineData("DELETE", "extensions/phone/calls/715a1333-0174-40ea-8b38-67e289069476", "not-a-token")]
    public async Task ExtensionEndpoints_MissingOrUnknownToken_Return401WithoutBody(string method, string path, string? token)
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task ExtensionEndpoints_RefreshTokenAsAccessToken_Returns401()
    {
        using var client = fixture.Client();
        var (_, refresh) = await NfonCtiEmulatorFixture.LoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refresh);

        using var response = await client.GetAsync("extensions/phone/data");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ExtensionEndpoints_AccessTokenPastItsLifetime_Return401WhileRefreshStillWorks()
    {
        await using var host = await NfonCtiEmulatorFixture.StartAsync("--Sandbox:NfonCti:AccessTokenLifetime=00:00:00.001");
        using var client = NfonCtiEmulatorFixture.Client(host);
        var (access, refresh) = await NfonCtiEmulatorFixture.LoginAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var expired = await client.GetAsync("extensions/phone/data");
        using var refreshed = await Refresh(client, refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Empty(await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task TokensRevokedFault_RefusesLoginRefreshAndAccessTokens()
    {
        using var client = fixture.Client();
        var (access, refresh) = await NfonCtiEmulatorFixture.LoginAsync(client);
        await fixture.SetFaultsAsync(new VendorFaults { TokensRevoked = true });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        using var data = await client.GetAsync("extensions/phone/data");
        using var refreshed = await Refresh(client, refresh);
        using var login = await client.PostAsJsonAsync("login", new { username = "sandbox", password = "sandbox" });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [data.StatusCode, refreshed.StatusCode, login.StatusCode]);
    }

    [Fact]
    public async Task InjectedFaults_AnswerInTheVendorsErrorFormat()
    {
        using var client = await fixture.AuthorizedClientAsync();
        await fixture.SetFaultsAsync(new VendorFaults { FailNextRequests = 1, RateLimitNextRequests = 1, RetryAfterSeconds = 3 });

        using var limited = await client.GetAsync("extensions/phone/data");
        using var failed = await client.GetAsync("extensions/phone/data");
        using var served = await client.GetAsync("extensions/phone/data");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many requests, please try again later.", await NfonCtiEmulatorFixture.ErrorTextAsync(limited));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Internal server error (injected by the sandbox).", await NfonCtiEmulatorFixture.ErrorTextAsync(failed));
        Assert.All([limited, failed, served], r => Assert.True(r.Headers.Contains("X-Request-Id")));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static Task<HttpResponseMessage> Refresh(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "login");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client.SendAsync(request);
    }
}
