using System.Text.RegularExpressions;

namespace Portal.Web.Features.Calls;

/// <summary>Splits a text into the parts that are whole search words (as full-text search matches them) and the rest.</summary>
public static class Highlighting
{
    public readonly record struct Part(string Text, bool IsHit);

    public static IReadOnlyList<Part> Split(string text, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || string.IsNullOrEmpty(text))
        {
            return [new Part(text, false)];
        }
        var pattern = @"(?<![\p{L}\p{N}])(?:" + string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])";
        var parts = new List<Part>();
        var at = 0;
        foreach (Match match in Regex.Matches(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)))
        {
            if (match.Index > at)
            {
                parts.Add(new Part(text[at..match.Index], false));
            }
            parts.Add(new Part(match.Value, true));
            at = match.Index + match.Length;
        }
        if (at < text.Length)
        {
            parts.Add(new Part(text[at..], false));
        }
        return parts;
    }
}
