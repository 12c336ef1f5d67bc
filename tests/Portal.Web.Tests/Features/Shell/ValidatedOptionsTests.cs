namespace Portal.Web.Tests.Features.Shell;

/// <summary>A bad setting stops the start with the setting's full name and what is allowed, never later inside a worker.</summary>
public class ValidatedOptionsTests
{
    [Theory]
    [InlineData("Sync:LeaseDuration", "-1", "Sync:LeaseDuration is -1.00:00:00; allowed: from 00:00:03 to 01:00:00.")]
    [InlineData("Sync:Overlap", "abc", "Sync:Overlap is 'abc', not a duration such as 00:30:00")]
    [InlineData("Sync:EngineInterval", "00:00:00", "Sync:EngineInterval is 00:00:00; allowed: from 00:00:00.0500000 to 01:00:00.")]
    [InlineData("Sync:MaxBackoff", "30.00:00:00", "Sync:MaxBackoff is 30.00:00:00; allowed: from 00:00:01 to 1.00:00:00.")]
    [InlineData("Sync:Enabled", "sometimes", "Sync:Enabled is 'sometimes', not true or false.")]
    [InlineData("Authentication:RevalidationInterval", "00:00:00", "Authentication:RevalidationInterval is 00:00:00; allowed: from 00:00:01 to 01:00:00.")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider is 'Oracle', not one of Sqlite, Postgres.")]
    [InlineData("Database:Provider", "7", "Database:Provider is '7', not one of Sqlite, Postgres.")]
    [InlineData("Authentication:Authority", "not-a-url", "Authentication:Authority is 'not-a-url', not an absolute https URL")]
    [InlineData("Authentication:Authority", "http://login.example.test/", "Authentication:Authority is 'http://login.example.test/', not an absolute https URL")]
    [InlineData("Authentication:RequireHttpsMetadata", "maybe", "Authentication:RequireHttpsMetadata is 'maybe', not true or false.")]
    [InlineData("Authentication:ClientId", " ", "Authentication:ClientId is empty")]
    [InlineData("Portal:Nfon:TokenUrl", "ftp://x", "Portal:Nfon:TokenUrl is 'ftp://x', not an absolute https URL.")]
    [InlineData("Portal:Nfon:ClientId", "portal", "Portal:Nfon:AuthorizeUrl is empty")]
    [InlineData("Sandbox:Enabled", "on", "Sandbox:Enabled is 'on', not true or false.")]
    [InlineData("Sandbox:AllowOutsideDevelopment", "yes", "Sandbox:AllowOutsideDevelopment is 'yes', not true or false.")]
    [InlineData("DataProtection:Certificate:Path", "missing.pfx", "DataProtection:Certificate:Path is 'missing.pfx', a file that does not exist")]
    [InlineData("DataProtection:Certificate:Password", "secret", "DataProtection:Certificate:Password is set without DataProtection:Certificate:Path")]
    public void Start_BadSetting_IsRefusedNamingIt(string key, string value, string expected)
    {
        var refusal = ProductionStart.Refusal(new() { [key] = value }, "Development");

        Assert.Contains(expected, refusal.Message);
    }

    [Fact]
    public void Start_PostgresWithoutConnectionString_IsRefused()
    {
        var refusal = ProductionStart.Refusal(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = "" }, "Development");

        Assert.Contains("Database:Provider is Postgres but ConnectionStrings:Portal is empty", refusal.Message);
    }

    [Fact]
    public async Task Start_GoodValues_Starts()
    {
        using var portal = PortalAppFactory.With(new()
        {
            ["Sync:Overlap"] = "03:00:00",
            ["Sync:LeaseDuration"] = "00:01:00",
            ["Database:Provider"] = "sqlite",
            ["Portal:Nfon:AuthorizeUrl"] = "https://start.cloudya.com/oauth/authorize",
            ["Portal:Nfon:TokenUrl"] = "https://start.cloudya.com/oauth/token",
            ["Portal:Nfon:ClientId"] = "portal",
        });
        using var client = portal.CreatePortalClient();

        using var response = await client.Http.GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
