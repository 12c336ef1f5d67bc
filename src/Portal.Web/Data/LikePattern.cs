namespace Portal.Web.Data;

/// <summary>
/// Text searched with SQL LIKE, taken literally: <c>%</c>, <c>_</c> and the escape character itself are escaped, so that
/// "50%" finds "50%" and not "500". Use with <c>EF.Functions.Like(column, pattern, LikePattern.EscapeCharacter)</c>
/// (SQLite and PostgreSQL both take an ESCAPE clause).
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    /// <summary>"%text%" with the text escaped: matches values that contain it.</summary>
    public static string Containing(string text) => $"%{Escape(text)}%";

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
