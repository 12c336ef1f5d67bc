using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Telephony.Calls;
using Portal.Web.Hosting;

namespace Portal.Web.Reporting;

/// <summary>
/// What the record browser and the records export select: the dashboard's filters (range, connections, vendors,
/// direction, teams, extensions) plus outcome, a number or name, talk time, transcript, recording and full text.
/// </summary>
public sealed record CallFilter
{
    public DashboardFilter Dashboard { get; init; } = new();
    public IReadOnlyList<CallOutcome> Outcomes { get; init; } = [];
    /// <summary>A number (normalized or as the vendor sent it, any part of it) or an external name.</summary>
    public string? Search { get; init; }
    public int? MinTalkSeconds { get; init; }
    public int? MaxTalkSeconds { get; init; }
    public bool HasTranscript { get; init; }
    public bool HasRecording { get; init; }
    /// <summary>Words to find in transcripts and summaries.</summary>
    public string? Text { get; init; }

    public bool Equals(CallFilter? other) =>
        other is not null && Dashboard.Equals(other.Dashboard) && Outcomes.SequenceEqual(other.Outcomes) && Search == other.Search
        && MinTalkSeconds == other.MinTalkSeconds && MaxTalkSeconds == other.MaxTalkSeconds && HasTranscript == other.HasTranscript
        && HasRecording == other.HasRecording && Text == other.Text;

    public override int GetHashCode() => HashCode.Combine(Dashboard, Outcomes.Count, Search, MinTalkSeconds, MaxTalkSeconds, HasTranscript, HasRecording, Text);

    /// <summary>Whether the rollups can count the matching calls (only range, connections, extensions, direction and outcome).</summary>
    public bool IsCountableFromRollups => Search is null && MinTalkSeconds is null && MaxTalkSeconds is null && !HasTranscript && !HasRecording && Text is null;
}

/// <summary>
/// The call filter in the URL: the dashboard's parameters plus <c>outcome</c> (repeatable), <c>q</c> (number or name),
/// <c>talkmin</c>/<c>talkmax</c> (seconds), <c>transcript=yes</c>, <c>recording=yes</c> and <c>text</c>.
/// </summary>
public static class CallFilterQuery
{
    /// <param name="today">Today in UTC, for <see cref="DateRangeLimits"/>.</param>
    public static (CallFilter Filter, IReadOnlyList<string> Errors) Parse(string? query, DateOnly today)
    {
        var (dashboard, errors) = DashboardFilterQuery.Parse(query, today);
        var all = errors.ToList();
        var values = QueryHelpers.ParseQuery(query);
        string? Single(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

        var outcomes = new List<CallOutcome>();
        foreach (var word in values.TryGetValue("outcome", out var raw) ? raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : [])
        {
            if (DashboardFilterQuery.TryName<CallOutcome>(word, out var outcome))
            {
                if (!outcomes.Contains(outcome))
                {
                    outcomes.Add(outcome);
                }
            }
            else
            {
                all.Add($"Unknown outcome \"{word}\" was ignored.");
            }
        }

        int? Seconds(string key)
        {
            if (Single(key) is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
            all.Add($"Talk time must be whole seconds, not \"{text}\"; the {key} limit was ignored.");
            return null;
        }
        var min = Seconds("talkmin");
        var max = Seconds("talkmax");
        if (min > max)
        {
            all.Add($"The shortest talk time ({min} s) is longer than the longest ({max} s); they were swapped.");
            (min, max) = (max, min);
        }
        var search = Single("q");
        var text = Single("text");
        return (new CallFilter
        {
            Dashboard = dashboard,
            Outcomes = outcomes,
            Search = search is null ? null : TextClip.ToLength(search, 100),
            MinTalkSeconds = min,
            MaxTalkSeconds = max,
            HasTranscript = Single("transcript") is "yes" or "true" or "1",
            HasRecording = Single("recording") is "yes" or "true" or "1",
            Text = text is null ? null : TextClip.ToLength(text, 200),
        }, all);
    }

    public static string Format(CallFilter filter)
    {
        var pairs = QueryHelpers.ParseQuery(DashboardFilterQuery.Format(filter.Dashboard))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))).ToList();
        pairs.AddRange(filter.Outcomes.Select(o => new KeyValuePair<string, string?>("outcome", o.ToString().ToLowerInvariant())));
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add(new(key, value));
            }
        }
        Add("q", filter.Search);
        Add("talkmin", filter.MinTalkSeconds?.ToString(CultureInfo.InvariantCulture));
        Add("talkmax", filter.MaxTalkSeconds?.ToString(CultureInfo.InvariantCulture));
        Add("transcript", filter.HasTranscript ? "yes" : null);
        Add("recording", filter.HasRecording ? "yes" : null);
        Add("text", filter.Text);
        return QueryString.Create(pairs).ToUriComponent();
    }
}
