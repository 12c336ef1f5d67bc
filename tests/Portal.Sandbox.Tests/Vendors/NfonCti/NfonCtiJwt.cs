using System.Buffers.Text;
using System.Text.Json;

namespace Portal.Sandbox.Tests.Vendors.NfonCti;

/// <summary>Reads the header and payload of the emulator's JWTs (the signature is checked against the JWKS in a test).</summary>
internal static class NfonCtiJwt
{
    public static JsonElement Header(string token) => Part(token, 0);

    public static JsonElement Payload(string token) => Part(token, 1);

    private static JsonElement Part(string token, int index)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[index]));
        return document.RootElement.Clone();
    }
}
