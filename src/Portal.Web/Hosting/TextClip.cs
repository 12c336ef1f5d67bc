namespace Portal.Web.Hosting;

/// <summary>
/// Text cut to a length without splitting a surrogate pair: half an emoji is a lone surrogate, which XML and Excel refuse
/// and browsers show as �. The cut steps back one character instead, so the result may be one shorter.
/// </summary>
public static class TextClip
{
    public static string ToLength(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = maxLength > 0 && char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }
}
