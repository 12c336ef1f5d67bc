using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Web.Tests;

/// <summary>Self-signed RSA certificates written as files, as an operator would provide them (a PFX with a password, or PEM files).</summary>
public sealed class TestCertificates
{
    private TestCertificates(string directory, X509Certificate2 certificate)
    {
        Directory = directory;
        Certificate = certificate;
    }

    public const string PfxPassword = "pfx-password";

    /// <summary>One certificate for the whole test run.</summary>
    public static TestCertificates Shared { get; } = Create();

    public X509Certificate2 Certificate { get; }
    public string Directory { get; }
    public string PfxPath => Path.Combine(Directory, "dataprotection.pfx");
    public string PemPath => Path.Combine(Directory, "dataprotection.crt");
    public string KeyPemPath => Path.Combine(Directory, "dataprotection.key");

    /// <summary>The settings that give the portal this certificate as a PFX.</summary>
    public Dictionary<string, string?> PfxSettings(string prefix = "DataProtection:Certificate") => new()
    {
        [$"{prefix}:Path"] = PfxPath,
        [$"{prefix}:Password"] = PfxPassword,
    };

    public static TestCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("portal-certificates-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal test key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var files = new TestCertificates(directory, certificate);
        File.WriteAllBytes(files.PfxPath, certificate.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllText(files.PemPath, certificate.ExportCertificatePem());
        File.WriteAllText(files.KeyPemPath, rsa.ExportPkcs8PrivateKeyPem());
        return files;
    }
}
