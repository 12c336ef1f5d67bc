using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention.Policies;

/// <summary>What a purge deletes, by kind: calls, transcripts (the calls stay), recording links (the calls stay).</summary>
public sealed record PurgeCounts(long Calls, long Transcripts, long RecordingLinks)
{
    public static readonly PurgeCounts None = new(0, 0, 0);

    public PurgeCounts Plus(PurgeCounts other) => new(Calls + other.Calls, Transcripts + other.Transcripts, RecordingLinks + other.RecordingLinks);

    /// <summary>"12 calls / 3 transcripts / 0 recording links".</summary>
    public string Words => string.Create(CultureInfo.InvariantCulture,
        $"{Calls:N0} call{(Calls == 1 ? "" : "s")} / {Transcripts:N0} transcript{(Transcripts == 1 ? "" : "s")} / {RecordingLinks:N0} recording link{(RecordingLinks == 1 ? "" : "s")}");
}

/// <summary>
/// The enabled retention policies as a rule per connection and kind, at one run time. Per kind, a connection's own policy that
/// sets a period wins; otherwise the all-connections policy's period applies; with neither, that kind is kept forever. A call
/// is due when it started before the run time less the period. A call due as a whole is not counted again for its transcript
/// or recording links: those purges take only the calls that stay.
/// </summary>
public sealed class RetentionPlan
{
    private readonly IReadOnlyList<Rule> _rules;

    private RetentionPlan(DateTime runAtUtc, IReadOnlyList<Rule> rules)
    {
        RunAtUtc = runAtUtc;
        _rules = rules;
    }

    public DateTime RunAtUtc { get; }

    /// <summary>One connection's periods, and which policy each came from.</summary>
    private sealed record Rule(int ConnectionId, int? CallDays, int? CallPolicy, int? TranscriptDays, int? TranscriptPolicy, int? RecordingDays,
        int? RecordingPolicy);

    public static async Task<RetentionPlan> ReadAsync(PortalDbContext db, DateTime runAtUtc, CancellationToken cancellationToken)
    {
        var policies = await db.RetentionPolicies.AsNoTracking().Where(p => p.Enabled).ToListAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var all = policies.FirstOrDefault(p => p.ConnectionId is null);
        var rules = new List<Rule>();
        foreach (var connectionId in connections)
        {
            var own = policies.FirstOrDefault(p => p.ConnectionId == connectionId);
            var (callDays, callPolicy) = Pick(own, all, p => p.CallDays);
            var (transcriptDays, transcriptPolicy) = Pick(own, all, p => p.TranscriptDays);
            var (recordingDays, recordingPolicy) = Pick(own, all, p => p.RecordingDays);
            rules.Add(new Rule(connectionId, callDays, callPolicy, transcriptDays, transcriptPolicy, recordingDays, recordingPolicy));
        }
        return new RetentionPlan(DateTime.SpecifyKind(runAtUtc, DateTimeKind.Utc), rules);
    }

    /// <summary>Whether any connection has a period for this kind.</summary>
    public bool Purges(CallDeletionScope scope) => _rules.Any(r => Days(r, scope).Days is not null);

    /// <summary>
    /// The ids of the calls the run deletes for a scope (<see cref="CallDeletionScope.Calls"/>: whole calls; the others: the
    /// transcripts or recording links of calls that stay), optionally only where the period came from one policy. Legal holds
    /// are not applied here (see <c>Holds.ActiveHolds</c>).
    /// </summary>
    public IQueryable<long> CallIds(PortalDbContext db, CallDeletionScope scope, int? policyId = null)
    {
        var parts = new List<IQueryable<long>>();
        var due = _rules.Where(r => Days(r, scope) is { Days: not null } d && (policyId is null || d.Policy == policyId));
        foreach (var group in due.GroupBy(r => (Days(r, scope).Days!.Value, r.CallDays)))
        {
            var connectionIds = group.Select(r => r.ConnectionId).ToArray();
            var cutoff = RunAtUtc.AddDays(-group.Key.Value);
            var calls = db.Calls.Where(c => connectionIds.Contains(c.ConnectionId) && c.StartedAtUtc < cutoff);
            if (scope != CallDeletionScope.Calls && group.Key.CallDays is { } callDays)
            {
                var callCutoff = RunAtUtc.AddDays(-callDays);
                calls = calls.Where(c => c.StartedAtUtc >= callCutoff); // due as a whole: the calls purge takes them
            }
            calls = scope switch
            {
                CallDeletionScope.TranscriptsOnly => calls.Where(c => c.HasTranscript),
                CallDeletionScope.RecordingsOnly => calls.Where(c => c.HasRecording),
                _ => calls,
            };
            parts.Add(calls.Select(c => c.Id));
        }
        return parts.Count == 0 ? db.Calls.Where(_ => false).Select(c => c.Id) : parts.Aggregate((all, next) => all.Union(next));
    }

    /// <summary>The rule in words for a job's selection: "retention policies at 2026-06-13 00:00:00Z: calls older than 730 days on 2 connections".</summary>
    public string Words(CallDeletionScope scope)
    {
        var kind = scope switch
        {
            CallDeletionScope.TranscriptsOnly => "transcripts",
            CallDeletionScope.RecordingsOnly => "recording links",
            _ => "calls",
        };
        var periods = _rules.Where(r => Days(r, scope).Days is not null).GroupBy(r => Days(r, scope).Days!.Value).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{kind} older than {g.Key} days on {g.Count()} connection{(g.Count() == 1 ? "" : "s")}"));
        return string.Create(CultureInfo.InvariantCulture, $"retention policies at {RunAtUtc:u}: {string.Join("; ", periods)}");
    }

    private static (int? Days, int? Policy) Days(Rule rule, CallDeletionScope scope) => scope switch
    {
        CallDeletionScope.TranscriptsOnly => (rule.TranscriptDays, rule.TranscriptPolicy),
        CallDeletionScope.RecordingsOnly => (rule.RecordingDays, rule.RecordingPolicy),
        _ => (rule.CallDays, rule.CallPolicy),
    };

    private static (int? Days, int? Policy) Pick(RetentionPolicy? own, RetentionPolicy? all, Func<RetentionPolicy, int?> days) =>
        own is not null && days(own) is { } mine ? (mine, own.Id)
        : all is not null && days(all) is { } shared ? (shared, all.Id)
        : (null, null);
}
