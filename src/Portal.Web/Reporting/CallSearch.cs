using Microsoft.EntityFrameworkCore;
using Portal.Telephony.Calls;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting.Rollups;

namespace Portal.Web.Reporting;

/// <summary>The columns the record browser sorts by (a whitelist: each maps to one indexed or plain column).</summary>
public enum CallSort
{
    Time,
    Direction,
    Outcome,
    Extension,
    Number,
    Name,
    Talk,
    Ring,
    Connection,
}

/// <summary>One row of the record browser.</summary>
public sealed record CallRow(
    long Id,
    DateTime StartedAtUtc,
    CallDirection Direction,
    CallOutcome Outcome,
    string? Extension,
    string? ExtensionName,
    string? ExternalNumber,
    string? ExternalName,
    int DurationSeconds,
    int? RingSeconds,
    VendorKind Vendor,
    string ConnectionName,
    bool HasTranscript,
    bool HasRecording);

public sealed record CallPageResult(IReadOnlyList<CallRow> Rows, int Total);

/// <summary>
/// The calls a user may see under a <see cref="CallFilter"/>: one query shared by the record browser and the records
/// export. Team limits come from <see cref="CallScope"/>; counts come from the rollups when the filter allows it.
/// </summary>
public sealed class CallSearch(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    /// <summary>What the record browser's filter pickers offer the user.</summary>
    public async Task<FilterChoices> LoadChoicesAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FilterChoices.LoadAsync(db, user, cancellationToken);
    }

    public async Task<CallPageResult> SearchAsync(PortalUser user, CallFilter filter, TimeZoneInfo zone, CallSort sort, bool descending,
        int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (scope, period) = await ResolveAsync(db, user, filter, zone, cancellationToken);
        if (scope.IsEmpty)
        {
            return new CallPageResult([], 0);
        }
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await Rows(Sorted(Matching(db, scope, filter, period), sort, descending).Skip(Paging.Skip(page, size)).Take(size)).ToListAsync(cancellationToken);
        return new CallPageResult(rows, await TotalAsync(db, scope, filter, period, cancellationToken));
    }

    /// <summary>Every matching call, oldest first, as they are read (for exports).</summary>
    public async IAsyncEnumerable<CallRow> StreamAsync(PortalUser user, CallFilter filter, TimeZoneInfo zone,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (scope, period) = await ResolveAsync(db, user, filter, zone, cancellationToken);
        if (scope.IsEmpty)
        {
            yield break;
        }
        await foreach (var row in Rows(Matching(db, scope, filter, period).OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id))
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>How many calls match, for an export's progress (from the rollups where the filter allows, as the grid's total).</summary>
    public async Task<int> CountAsync(PortalUser user, CallFilter filter, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (scope, period) = await ResolveAsync(db, user, filter, zone, cancellationToken);
        return scope.IsEmpty ? 0 : await TotalAsync(db, scope, filter, period, cancellationToken);
    }

    /// <summary>
    /// The calls a user may see under a filter, as a query on the caller's context (the bulk-delete wizard counts, lists and
    /// selects them with it). Refuses anyone but supervisors and administrators; team limits apply.
    /// </summary>
    public async Task<IQueryable<Call>> MatchingAsync(PortalDbContext db, PortalUser user, CallFilter filter, TimeZoneInfo zone,
        CancellationToken cancellationToken = default)
    {
        var (scope, period) = await ResolveAsync(db, user, filter, zone, cancellationToken);
        return scope.IsEmpty ? db.Calls.AsNoTracking().Where(_ => false) : Matching(db, scope, filter, period);
    }

    /// <summary>The record browser's rows of these calls (connection name and vendor joined).</summary>
    public static IQueryable<CallRow> ToRows(IQueryable<Call> calls) => Rows(calls);

    /// <summary>From the rollups when the filter allows, otherwise a count of the matching calls.</summary>
    private static async Task<int> TotalAsync(PortalDbContext db, CallScope scope, CallFilter filter, ReportingPeriod period, CancellationToken ct) =>
        filter.IsCountableFromRollups
            ? (await RollupQueries.TotalsAsync(db, scope, period.FromUtc, period.ToUtc, ct))
                .Where(t => filter.Outcomes.Count == 0 || filter.Outcomes.Contains(t.Outcome)).Sum(t => t.Calls)
            : await Matching(db, scope, filter, period).CountAsync(ct);

    private async Task<(CallScope Scope, ReportingPeriod Period)> ResolveAsync(PortalDbContext db, PortalUser user, CallFilter filter,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var d = filter.Dashboard;
        var scope = await CallScope.ResolveAsync(db, user, d.ConnectionIds, d.Vendors, d.Teams, d.Extensions, d.Direction, ct);
        return (scope, ReportingPeriod.Resolve(d, zone, clock.GetUtcNow()));
    }

    private static IQueryable<Call> Matching(PortalDbContext db, CallScope scope, CallFilter filter, ReportingPeriod period)
    {
        var calls = scope.Apply(db.Calls.AsNoTracking()).Where(c => c.StartedAtUtc >= period.FromUtc && c.StartedAtUtc < period.ToUtc);
        if (filter.Outcomes.Count > 0)
        {
            var outcomes = filter.Outcomes;
            calls = calls.Where(c => outcomes.Contains(c.Outcome));
        }
        if (filter.Search is { } search)
        {
            calls = NumberOrName(calls, search);
        }
        if (filter.MinTalkSeconds is { } min)
        {
            calls = calls.Where(c => c.DurationSeconds >= min);
        }
        if (filter.MaxTalkSeconds is { } max)
        {
            calls = calls.Where(c => c.DurationSeconds <= max);
        }
        if (filter.HasTranscript)
        {
            calls = calls.Where(c => c.HasTranscript);
        }
        if (filter.HasRecording)
        {
            calls = calls.Where(c => c.HasRecording);
        }
        if (filter.Text is { } text && TranscriptText.Matching(db, text) is { } ids)
        {
            calls = calls.Where(c => ids.Contains(c.Id));
        }
        return calls;
    }

    /// <summary>
    /// A full number ("+4930…") matches the normalized number exactly (indexed; an original sent in E.164 normalizes to the
    /// same); anything else matches part of either number (digits, leading zeros ignored) or of the external name.
    /// </summary>
    private static IQueryable<Call> NumberOrName(IQueryable<Call> calls, string search)
    {
        var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
        if (search.StartsWith('+') && digits.Length >= 8 && digits.Length == search.Count(ch => ch != ' ') - 1)
        {
            var e164 = "+" + digits;
            return calls.Where(c => c.ExternalNumber == e164);
        }
        var namePattern = LikePattern.Containing(search.ToLowerInvariant());
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length >= 3)
        {
            var numberPattern = $"%{trimmed}%";
            return calls.Where(c => EF.Functions.Like(c.ExternalNumber!, numberPattern) || EF.Functions.Like(c.ExternalNumberOriginal!, numberPattern)
                || EF.Functions.Like(c.ExternalName!.ToLower(), namePattern, LikePattern.EscapeCharacter));
        }
        return calls.Where(c => EF.Functions.Like(c.ExternalName!.ToLower(), namePattern, LikePattern.EscapeCharacter));
    }

    private static IQueryable<Call> Sorted(IQueryable<Call> calls, CallSort sort, bool descending) => (sort, descending) switch
    {
        (CallSort.Direction, false) => calls.OrderBy(c => c.Direction).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Direction, true) => calls.OrderByDescending(c => c.Direction).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Outcome, false) => calls.OrderBy(c => c.Outcome).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Outcome, true) => calls.OrderByDescending(c => c.Outcome).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Extension, false) => calls.OrderBy(c => c.Extension).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Extension, true) => calls.OrderByDescending(c => c.Extension).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Number, false) => calls.OrderBy(c => c.ExternalNumber).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Number, true) => calls.OrderByDescending(c => c.ExternalNumber).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Name, false) => calls.OrderBy(c => c.ExternalName).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Name, true) => calls.OrderByDescending(c => c.ExternalName).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Talk, false) => calls.OrderBy(c => c.DurationSeconds).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Talk, true) => calls.OrderByDescending(c => c.DurationSeconds).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Ring, false) => calls.OrderBy(c => c.RingSeconds).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Ring, true) => calls.OrderByDescending(c => c.RingSeconds).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Connection, false) => calls.OrderBy(c => c.Connection!.Name).ThenByDescending(c => c.StartedAtUtc),
        (CallSort.Connection, true) => calls.OrderByDescending(c => c.Connection!.Name).ThenByDescending(c => c.StartedAtUtc),
        (_, false) => calls.OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id),
        (_, true) => calls.OrderByDescending(c => c.StartedAtUtc).ThenByDescending(c => c.Id),
    };

    private static IQueryable<CallRow> Rows(IQueryable<Call> calls) => calls.Select(c => new CallRow(c.Id, c.StartedAtUtc, c.Direction, c.Outcome,
        c.Extension, c.ExtensionName, c.ExternalNumber, c.ExternalName, c.DurationSeconds, c.RingSeconds, c.Connection!.Vendor, c.Connection.Name,
        c.HasTranscript, c.HasRecording));
}
