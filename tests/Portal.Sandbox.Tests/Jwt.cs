using System.Text;
using System.Text.Json;

namespace Portal.Sandbox.Tests;

/// <summary>Reads a JWT's payload by hand (no signature check: the tests look at what was issued).</summary>
internal static class Jwt
{
    public static JsonElement Payload(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var base64 = parts[1].Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        return document.RootElement.Clone();
    }

    /// <summary>A claim's values, whether the JSON holds one string or an array.</summary>
    public static IReadOnlyList<string> Values(JsonElement payload, string claim) =>
        !payload.TryGetProperty(claim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
        : [value.GetString()!];
}
