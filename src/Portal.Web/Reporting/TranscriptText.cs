using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Reporting;

/// <summary>Full-text search in transcripts and summaries: SQLite FTS5 (<c>TranscriptSearch</c>) or PostgreSQL tsvector (<c>SearchVector</c>).</summary>
public static class TranscriptText
{
    /// <summary>The ids of calls whose transcript or summary holds every word of <paramref name="text"/>; null when it has no words.</summary>
    public static IQueryable<long>? Matching(PortalDbContext db, string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }
        if (db.Database.IsSqlite())
        {
            // Each word quoted: FTS5 operators and punctuation in the input are searched for, not obeyed.
            var match = string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"") + "\""));
            return db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH {match}""");
        }
        var query = string.Join(' ', words);
        return db.Database.SqlQuery<long>($"""SELECT "CallId" AS "Value" FROM "Transcripts" WHERE "SearchVector" @@ plainto_tsquery('simple', {query})""");
    }

    /// <summary>The words of a search, as full-text search splits them (letters and digits).</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : System.Text.RegularExpressions.Regex.Matches(text, @"[\p{L}\p{N}]+").Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();
}
