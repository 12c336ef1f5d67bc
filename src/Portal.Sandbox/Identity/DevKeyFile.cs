using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Portal.Sandbox.Identity;

/// <summary>The provider's stable development keys, kept in one JSON file: an RSA signing key (PKCS#8 PEM)
/// and a 256-bit symmetric encryption key. Created on first use, reloaded afterwards, so issued tokens
/// (refresh tokens too) survive restarts.</summary>
internal sealed class DevKeyFile
{
    private DevKeyFile(RsaSecurityKey signingKey, SymmetricSecurityKey encryptionKey)
    {
        SigningKey = signingKey;
        EncryptionKey = encryptionKey;
    }

    public RsaSecurityKey SigningKey { get; }

    public SymmetricSecurityKey EncryptionKey { get; }

    public static DevKeyFile LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, DevIdentityDefaults.KeyFileName);
        if (!File.Exists(path))
        {
            TryCreate(directory, path);
        }

        var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"The development key file '{path}' is empty.");
        return FromStored(stored);
    }

    private static void TryCreate(string directory, string path)
    {
        using var rsa = RSA.Create(2048);
        var stored = new StoredKeys(rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        DevSecretFile.CreateOnce(directory, path, JsonSerializer.SerializeToUtf8Bytes(stored));
    }

    private static DevKeyFile FromStored(StoredKeys stored)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(stored.SigningKey);
        var keyId = Base64Url.EncodeToString(SHA256.HashData(rsa.ExportRSAPublicKey()).AsSpan(0, 12));
        return new DevKeyFile(
            new RsaSecurityKey(rsa) { KeyId = keyId },
            new SymmetricSecurityKey(Convert.FromBase64String(stored.EncryptionKey)) { KeyId = "enc-" + keyId });
    }

    private sealed record StoredKeys(string SigningKey, string EncryptionKey);
}
