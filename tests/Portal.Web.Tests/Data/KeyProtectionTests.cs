using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Sandbox.Identity;
using Portal.Web.Data;

namespace Portal.Web.Tests.Data;

/// <summary>The Data Protection keys in the database are encrypted with a certificate, and what they protected stays readable.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Purpose = "Portal.Tests.KeyProtection";
    private const string Payload = "a vendor api key";

    /// <summary>A data folder that outlives restarts within one test.</summary>
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("portal-test-").FullName;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task KeyRing_Development_HoldsNoPlainMasterKey(string provider)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
        if (provider == "Postgres")
        {
            settings["ConnectionStrings:Portal"] = await PostgresDatabases.CreateAsync(Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set PORTAL_TEST_POSTGRES (scripts/test.sh starts a local PostgreSQL)."));
        }
        using var portal = PortalAppFactory.With(settings);
        Protect(portal);

        AssertEncrypted(await StoredKeysAsync(portal));
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, DevCertificateFile.FileName)));
    }

    [Fact]
    public async Task KeyRing_ProductionWithPfx_EncryptedWithThatCertificate()
    {
        using var portal = PortalAppFactory.With(ProductionStart.Settings(), ProductionStart.Environment);
        Protect(portal);

        var keys = await StoredKeysAsync(portal);
        AssertEncrypted(keys);
        Assert.All(keys, xml => Assert.Contains(Convert.ToBase64String(TestCertificates.Shared.Certificate.RawData), xml));
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, DevCertificateFile.FileName)));
    }

    [Fact]
    public async Task KeyRing_ProductionWithPemFiles_EncryptedWithThatCertificate()
    {
        var certificates = TestCertificates.Shared;
        using var portal = PortalAppFactory.With(ProductionStart.Settings(
            ("DataProtection:Certificate:Path", null), ("DataProtection:Certificate:Password", null),
            ("DataProtection:Certificate:PemPath", certificates.PemPath), ("DataProtection:Certificate:KeyPemPath", certificates.KeyPemPath)),
            ProductionStart.Environment);
        Protect(portal);

        var keys = await StoredKeysAsync(portal);
        AssertEncrypted(keys);
        Assert.All(keys, xml => Assert.Contains(Convert.ToBase64String(certificates.Certificate.RawData), xml));
    }

    [Fact]
    public void Start_ProductionWithoutCertificate_IsRefused()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("DataProtection:Certificate:Path", null), ("DataProtection:Certificate:Password", null)));

        Assert.Contains("DataProtection:Certificate:Path (a PFX, with DataProtection:Certificate:Password) or DataProtection:Certificate:PemPath", refusal.Message);
        Assert.Contains("is required outside Development", refusal.Message);
    }

    [Fact]
    public void Start_WrongPfxPassword_IsRefusedNamingTheSetting()
    {
        var refusal = ProductionStart.Refusal(ProductionStart.Settings(("DataProtection:Certificate:Password", "wrong")));

        Assert.StartsWith("DataProtection:Certificate cannot be read", refusal.Message);
    }

    [Fact]
    public async Task Restart_Development_ReadsSessionAndSecretsWrittenBefore()
    {
        string protectedPayload;
        System.Net.CookieContainer cookies;
        using (var first = PortalAppFactory.Reopen(_dataDirectory, []))
        {
            using var browser = first.CreatePortalClient();
            await browser.SignInAsync("supervisor", "supervisor");
            cookies = browser.Cookies;
            protectedPayload = Protect(first);
        }

        using var second = PortalAppFactory.Reopen(_dataDirectory, []);
        using var sameBrowser = second.CreatePortalClient(cookies);
        var page = await sameBrowser.Http.GetAsync("/");

        Assert.Contains("Sam Supervisor", await PortalClient.ReadOkHtmlAsync(page));
        Assert.Equal(Payload, Protector(second).Unprotect(protectedPayload));
    }

    [Fact]
    public async Task Start_KeysStoredUnencryptedBefore_StillReadsOldPayload()
    {
        // The portal before key encryption: the same database and key ring, no certificate.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_dataDirectory, "portal.db")}",
        });
        builder.AddPortalDatabase();
        string protectedPayload;
        using (var before = builder.Build())
        {
            await before.Services.InitializePortalDatabaseAsync();
            protectedPayload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(Payload);
            await using var db = await before.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.Contains("<value>", Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()));
        }

        using var portal = PortalAppFactory.Reopen(_dataDirectory, []);

        Assert.Equal(Payload, Protector(portal).Unprotect(protectedPayload));
    }

    [Fact]
    public void Restart_RotatedCertificate_PreviousCertificateStillDecryptsOldKeys()
    {
        var rotated = TestCertificates.Create();
        string protectedPayload;
        using (var before = PortalAppFactory.Reopen(_dataDirectory, ProductionStart.Settings(), ProductionStart.Environment))
        {
            protectedPayload = Protect(before);
        }

        var rotatedOnly = ProductionStart.Settings([.. rotated.PfxSettings().Select(s => (s.Key, s.Value))]);
        using (var withoutPrevious = PortalAppFactory.Reopen(_dataDirectory, rotatedOnly, ProductionStart.Environment))
        {
            Assert.ThrowsAny<CryptographicException>(() => Protector(withoutPrevious).Unprotect(protectedPayload));
        }
        var withPrevious = new Dictionary<string, string?>(rotatedOnly);
        foreach (var (key, value) in TestCertificates.Shared.PfxSettings("DataProtection:PreviousCertificate"))
        {
            withPrevious[key] = value;
        }
        using var after = PortalAppFactory.Reopen(_dataDirectory, withPrevious, ProductionStart.Environment);

        Assert.Equal(Payload, Protector(after).Unprotect(protectedPayload));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static IDataProtector Protector(PortalAppFactory portal) =>
        portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static string Protect(PortalAppFactory portal) => Protector(portal).Protect(Payload);

    private static async Task<List<string>> StoredKeysAsync(PortalAppFactory portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        return keys;
    }

    /// <summary>An encrypted key holds an <c>encryptedSecret</c> where a plain one holds its master key's <c>value</c>.</summary>
    private static void AssertEncrypted(List<string> keys) => Assert.All(keys, xml =>
    {
        Assert.Contains("<encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml);
    });
}
