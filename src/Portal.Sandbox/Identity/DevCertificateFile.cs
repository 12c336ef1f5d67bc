using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Sandbox.Identity;

/// <summary>
/// A self-signed RSA certificate (PFX without password, owner-only) that stands in for a real one in development,
/// e.g. to encrypt the portal's Data Protection keys. Created on first use beside the development sign-in keys,
/// reloaded afterwards, so what it encrypted stays readable after a restart.
/// </summary>
public static class DevCertificateFile
{
    public const string FileName = "dev-dataprotection-certificate.pfx";

    public static X509Certificate2 LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=Portal development key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(50));
            DevSecretFile.CreateOnce(directory, path, certificate.Export(X509ContentType.Pfx));
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }
}
