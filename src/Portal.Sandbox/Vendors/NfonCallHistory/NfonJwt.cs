using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// Minimal HS256 JWTs signed with the sandbox's constant key: the emulator's access and refresh tokens survive a
/// restart of the sandbox (nothing to store), as a real identity provider's would.
/// </summary>
internal static class NfonJwt
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(NfonCallHistorySandbox.TokenSigningKey);
    private static readonly string Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());

    public static string Create(IReadOnlyDictionary<string, object> claims)
    {
        var unsigned = Header + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        return unsigned + "." + Encode(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(unsigned)));
    }

    /// <summary>The payload of a token this emulator signed; false for anything else.</summary>
    public static bool TryRead(string token, out JsonElement payload)
    {
        payload = default;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header)
        {
            return false;
        }
        try
        {
            var expected = HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, WebEncoders.Base64UrlDecode(parts[2])))
            {
                return false;
            }
            using var document = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1]));
            payload = document.RootElement.Clone();
            return payload.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    public static string Encode(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}
