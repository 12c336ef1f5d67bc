using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Telephony.Unpod;

/// <summary>
/// The record key where Unpod sends no id: "unpod-" + the first 16 hex digits of SHA-256 over
/// "source|destination|creation time" (numbers trimmed as sent, the time as UTC with 7 fractional digits),
/// so the same call gets the same key on every read.
/// </summary>
internal static class UnpodCallKey
{
    public static string Derive(string? sourceNumber, string? destinationNumber, DateTime creationUtc)
    {
        var text = $"{sourceNumber?.Trim()}|{destinationNumber?.Trim()}|{creationUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}";
        return "unpod-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
