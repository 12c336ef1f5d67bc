using System.Text;

namespace Portal.Telephony.Http;

public static class VendorText
{
    /// <summary>How much of a vendor's own error message is shown.</summary>
    public const int MaxMessageLength = 200;

    /// <summary>
    /// A message a vendor put in its documented error field, fit to show: on one line, at most
    /// <see cref="MaxMessageLength"/> characters (with "…" when cut, never half a surrogate pair); null when empty.
    /// </summary>
    public static string? Message(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var line = new StringBuilder(Math.Min(text.Length, MaxMessageLength + 1));
        foreach (var c in text.Trim())
        {
            line.Append(char.IsControl(c) ? ' ' : c);
            if (line.Length > MaxMessageLength)
            {
                break;
            }
        }
        if (line.Length <= MaxMessageLength)
        {
            return line.ToString();
        }
        var cut = char.IsHighSurrogate(line[MaxMessageLength - 1]) ? MaxMessageLength - 1 : MaxMessageLength;
        return line.ToString(0, cut).TrimEnd() + "…";
    }
}
