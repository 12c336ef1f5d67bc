using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Vendors;

/// <summary>
/// Encrypts a connection's credentials at rest (ASP.NET Core Data Protection, keys in the database) and decrypts
/// them only to build an adapter. Secrets are never shown again once saved, and never logged.
/// </summary>
public sealed class ConnectionSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Portal.Connections.Secrets.v1");

    public string Protect(IReadOnlyDictionary<string, string> secrets) =>
        _protector.Protect(JsonSerializer.Serialize(secrets));

    /// <summary>The stored secrets; empty when there are none. Throws when the keys that protected them are gone.</summary>
    public IReadOnlyDictionary<string, string> Unprotect(string? protectedSecrets)
    {
        if (string.IsNullOrEmpty(protectedSecrets))
        {
            return new Dictionary<string, string>();
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(protectedSecrets)) ?? [];
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException("The connection's stored credentials cannot be decrypted (the Data Protection keys changed): enter them again.", ex);
        }
    }

    /// <summary>The stored secrets, or none when they cannot be decrypted any more (the administrator enters them again).</summary>
    public IReadOnlyDictionary<string, string> UnprotectOrEmpty(string? protectedSecrets)
    {
        try
        {
            return Unprotect(protectedSecrets);
        }
        catch (InvalidOperationException)
        {
            return new Dictionary<string, string>();
        }
    }
}
