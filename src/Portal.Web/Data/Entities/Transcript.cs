namespace Portal.Web.Data.Entities;

/// <summary>The transcript of a call: its summary and its segments.</summary>
public class Transcript
{
    public long CallId { get; set; }
    public Call? Call { get; set; }
    public string? Summary { get; set; }
    public string? Language { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Summary and every utterance as one text: what full-text search indexes (FTS5 / PostgreSQL tsvector).</summary>
    public string? SearchText { get; set; }
    public List<TranscriptSegment> Segments { get; set; } = [];
}

/// <summary>One utterance of a transcript.</summary>
public class TranscriptSegment
{
    public long Id { get; set; }
    public long CallId { get; set; }
    public int Sequence { get; set; }
    public required string Speaker { get; set; }
    /// <summary>Seconds from the start of the call.</summary>
    public double OffsetSeconds { get; set; }
    public required string Text { get; set; }
}
