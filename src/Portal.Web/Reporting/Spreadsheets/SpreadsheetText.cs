using Portal.Web.Hosting;

namespace Portal.Web.Reporting.Spreadsheets;

/// <summary>
/// Text as it goes into an exported cell. A spreadsheet program runs a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return as a formula once someone edits it or saves the sheet as CSV (formula/CSV injection), so
/// such text gets a leading <c>'</c>. Characters XML cannot carry become U+FFFD, and text longer than a cell holds is cut (never
/// inside a surrogate pair).
/// </summary>
public static class SpreadsheetText
{
    /// <summary>What Excel keeps in one cell.</summary>
    public const int MaxCellLength = 32_767;

    public const char NeutralizingPrefix = '\'';

    public const string RuleInWords =
        "Text that begins with =, +, -, @, a tab or a carriage return starts with ' so that spreadsheet programs do not run it as a formula.";

    /// <summary>Whether <paramref name="text"/> would be read as a formula.</summary>
    public static bool IsRisky(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Free text (names, connection names): neutralized when risky, made XML-safe, cut to a cell's length.</summary>
    public static string Cell(string text)
    {
        var safe = XmlSafe(text);
        if (IsRisky(safe))
        {
            safe = NeutralizingPrefix + safe;
        }
        return TextClip.ToLength(safe, MaxCellLength);
    }

    /// <summary>
    /// A phone number or extension: kept as it is when it is only a number ("+4930123456", "0301234", "+49 30 123-45"; digits,
    /// spaces and <c>()./-</c> after an optional leading +), because such text cannot call a function; anything else is free text.
    /// </summary>
    public static string Number(string text)
    {
        if (text.Length is > 0 and <= 64 && IsPlainNumber(text))
        {
            return text;
        }
        return Cell(text);
    }

    private static bool IsPlainNumber(string text)
    {
        var start = text[0] == '+' ? 1 : 0;
        if (start >= text.Length || !char.IsAsciiDigit(text[start]))
        {
            return false;
        }
        for (var i = start + 1; i < text.Length; i++)
        {
            if (!(char.IsAsciiDigit(text[i]) || text[i] is ' ' or '(' or ')' or '.' or '/' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Text for a SpreadsheetML string written by hand (not by ClosedXML): XML turns a carriage return into a line feed, so it is
    /// written the way Excel writes it, "_x000D_"; text that already looks like such an escape ("_x0041_") keeps its underscore
    /// ("_x005F_x0041_"), so that Excel shows it as it was.
    /// </summary>
    public static string EscapeForSpreadsheetMl(string text)
    {
        if (!text.Contains('\r') && !text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                builder.Append("_x000D_");
            }
            else if (text[i] == '_' && IsEscapeAt(text, i))
            {
                builder.Append("_x005F_");
            }
            else
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsEscapeAt(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3])
        && char.IsAsciiHexDigit(text[i + 4]) && char.IsAsciiHexDigit(text[i + 5]) && text[i + 6] == '_';

    /// <summary>The text with every character that XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) replaced.</summary>
    public static string XmlSafe(string text)
    {
        var bad = FirstInvalid(text);
        if (bad < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = bad; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (!IsXmlChar(c) || char.IsSurrogate(c))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c >= 0xD800)
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                if (!IsXmlChar(c) || char.IsSurrogate(c))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static bool IsXmlChar(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
