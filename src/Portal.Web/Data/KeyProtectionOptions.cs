namespace Portal.Web.Data;

/// <summary>The certificate that encrypts the Data Protection keys stored in the database (section "DataProtection").</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Encrypts new keys and decrypts them. Required outside Development (a demo makes its own).</summary>
    public CertificateFileOptions Certificate { get; set; } = new();

    /// <summary>The certificate used before a rotation: still decrypts the keys it encrypted.</summary>
    public CertificateFileOptions PreviousCertificate { get; set; } = new();
}

/// <summary>An X.509 certificate with its RSA private key: a PFX file, or PEM files.</summary>
public sealed class CertificateFileOptions
{
    /// <summary>A PKCS#12 (.pfx/.p12) file; relative paths start at the app's folder.</summary>
    public string? Path { get; set; }

    /// <summary>The PFX file's password, if it has one.</summary>
    public string? Password { get; set; }

    /// <summary>A PEM certificate (-----BEGIN CERTIFICATE-----), with its key unless <see cref="KeyPemPath"/> is set.</summary>
    public string? PemPath { get; set; }

    /// <summary>The PEM private key (unencrypted PKCS#8 or PKCS#1) of <see cref="PemPath"/>.</summary>
    public string? KeyPemPath { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(PemPath);
}
