namespace Portal.Sandbox.Tests;

public sealed class RefreshTokenTests
{
    [Fact]
    public async Task Token_RefreshTokenGrant_ReturnsNewAccessToken()
    {
        await using var host = await SandboxHost.StartAsync();
        using var client = host.CreateClient();
        var flow = new OidcFlow(client);
        var first = await flow.SignInAsync("supervisor", "supervisor");

        var refreshed = await flow.RefreshAsync(first.GetProperty("refresh_token").GetString()!);

        var accessToken = refreshed.GetProperty("access_token").GetString()!;
        Assert.NotEqual(first.GetProperty("access_token").GetString(), accessToken);
        var payload = Jwt.Payload(accessToken);
        Assert.Equal("dev-supervisor", payload.GetProperty("sub").GetString());
        Assert.Equal(["Supervisor"], Jwt.Values(payload, "role"));
    }

    [Fact]
    public async Task Token_RefreshTokenFromEarlierInstanceWithSameKeyDirectory_IsAccepted()
    {
        var keyDirectory = Directory.CreateTempSubdirectory("portal-sandbox-keys-").FullName;
        try
        {
            string refreshToken;
            int port;
            await using (var first = await SandboxHost.StartAsync(keyDirectory))
            {
                using var client = first.CreateClient();
                refreshToken = (await new OidcFlow(client).SignInAsync("teamlead", "teamlead"))
                    .GetProperty("refresh_token").GetString()!;
                port = first.BaseAddress.Port; // same port: the issuer is inferred from the request
            }

            var keyFile = File.ReadAllText(Path.Combine(keyDirectory, "dev-identity-keys.json"));
            await using var second = await SandboxHost.StartAsync(keyDirectory, port);
            using var secondClient = second.CreateClient();

            var refreshed = await new OidcFlow(secondClient).RefreshAsync(refreshToken);

            Assert.Equal(["support"], Jwt.Values(Jwt.Payload(refreshed.GetProperty("access_token").GetString()!), "team"));
            Assert.Equal(keyFile, File.ReadAllText(Path.Combine(keyDirectory, "dev-identity-keys.json")));
        }
        finally
        {
            Directory.Delete(keyDirectory, recursive: true);
        }
    }
}
