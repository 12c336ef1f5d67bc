using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Data;

/// <summary>Each certificate given one way (a PFX or PEM files) with files that exist; outside Development and a demo, one is required.</summary>
public sealed class KeyProtectionOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<KeyProtectionOptions>
{
    public const string Missing =
        "DataProtection:Certificate:Path (a PFX, with DataProtection:Certificate:Password) or DataProtection:Certificate:PemPath "
        + "(with DataProtection:Certificate:KeyPemPath) is required outside Development: the certificate encrypts the Data Protection keys "
        + "(sessions, stored vendor secrets) kept in the database.";

    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options)
    {
        var failures = new List<string?>
        {
            options.Certificate.IsSet || environment.IsDevelopment() || SandboxHosting.IsSandboxEnabled(configuration, environment) ? null : Missing,
        };
        failures.AddRange(Check(KeyProtectionOptions.Section + ":" + nameof(options.Certificate), options.Certificate));
        failures.AddRange(Check(KeyProtectionOptions.Section + ":" + nameof(options.PreviousCertificate), options.PreviousCertificate));
        return SettingRules.Result([.. failures]);
    }

    private IEnumerable<string?> Check(string key, CertificateFileOptions certificate)
    {
        var pfx = !string.IsNullOrWhiteSpace(certificate.Path);
        var pem = !string.IsNullOrWhiteSpace(certificate.PemPath);
        yield return pfx && pem ? $"{key}:Path and {key}:PemPath are both set; give the certificate one way: a PFX or PEM files." : null;
        yield return !pem && !string.IsNullOrWhiteSpace(certificate.KeyPemPath) ? $"{key}:KeyPemPath is set without {key}:PemPath." : null;
        yield return !pfx && !string.IsNullOrEmpty(certificate.Password) ? $"{key}:Password is set without {key}:Path (the PFX file)." : null;
        yield return FileMissing($"{key}:Path", certificate.Path);
        yield return FileMissing($"{key}:PemPath", certificate.PemPath);
        yield return FileMissing($"{key}:KeyPemPath", certificate.KeyPemPath);
    }

    private string? FileMissing(string key, string? path) =>
        string.IsNullOrWhiteSpace(path) || File.Exists(KeyProtection.FullPath(path, environment)) ? null
            : $"{key} is '{path}', a file that does not exist (relative paths start at {environment.ContentRootPath}).";
}
