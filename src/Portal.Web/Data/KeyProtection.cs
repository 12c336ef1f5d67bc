using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Portal.Sandbox;
using Portal.Sandbox.Identity;
using Portal.Web.Hosting;

namespace Portal.Web.Data;

/// <summary>
/// The Data Protection keys in the database are encrypted with an X.509 certificate, so a copy of the database alone
/// neither forges sessions nor decrypts vendor secrets. Keys stored before (unencrypted) are still read.
/// </summary>
public static class KeyProtection
{
    /// <summary>The configured certificate; in Development and a demo, a self-signed one made once beside the development sign-in keys.</summary>
    public static IHostApplicationBuilder AddPortalKeyProtection(this IHostApplicationBuilder builder)
    {
        var (configuration, environment) = (builder.Configuration, builder.Environment);
        var options = ValidatedOptions.Get(configuration, KeyProtectionOptions.Section, new KeyProtectionOptionsValidator(configuration, environment));
        var dataProtection = builder.Services.AddDataProtection();
        dataProtection.ProtectKeysWithCertificate(options.Certificate.IsSet
            ? Load($"{KeyProtectionOptions.Section}:{nameof(options.Certificate)}", options.Certificate, environment)
            : DevCertificateFile.LoadOrCreate(DevelopmentKeyDirectory(configuration, environment)));
        if (options.PreviousCertificate.IsSet)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(
                Load($"{KeyProtectionOptions.Section}:{nameof(options.PreviousCertificate)}", options.PreviousCertificate, environment));
        }
        return builder;
    }

    internal static string FullPath(string path, IHostEnvironment environment) => Path.GetFullPath(path, environment.ContentRootPath);

    /// <summary>Where the development sign-in keeps its keys (Sandbox:Identity:KeyDirectory, default data/).</summary>
    private static string DevelopmentKeyDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        FullPath((configuration.GetSection($"{SandboxOptions.Section}:{nameof(SandboxOptions.Identity)}").Get<DevIdentityOptions>() ?? new()).KeyDirectory, environment);

    private static X509Certificate2 Load(string key, CertificateFileOptions file, IHostEnvironment environment)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = !string.IsNullOrWhiteSpace(file.Path)
                ? X509CertificateLoader.LoadPkcs12FromFile(FullPath(file.Path, environment), file.Password)
                : X509Certificate2.CreateFromPemFile(FullPath(file.PemPath!, environment),
                    string.IsNullOrWhiteSpace(file.KeyPemPath) ? null : FullPath(file.KeyPemPath, environment));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw Refused($"{key} cannot be read ({ex.Message.TrimEnd('.')}): check the file and its password.");
        }

        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
        {
            certificate.Dispose();
            throw Refused($"{key} has no RSA private key: the keys are encrypted with RSA, so give an RSA certificate with its private key.");
        }
        return certificate;
    }

    private static OptionsValidationException Refused(string failure) =>
        new(Options.DefaultName, typeof(KeyProtectionOptions), [failure]);
}
