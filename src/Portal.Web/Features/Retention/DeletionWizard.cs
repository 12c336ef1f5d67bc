using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Auth;
using Portal.Web.Data;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Reporting;
using Portal.Web.Reporting.Spreadsheets;
using Portal.Web.Vendors;

using Portal.Web.Features.Retention.Holds;

namespace Portal.Web.Features.Retention;

/// <summary>A selection the wizard cannot resolve (no numbers, no connection chosen): said to the administrator, nothing is refused.</summary>
public sealed class DeletionSelectionException(string message) : Exception(message);

/// <summary>
/// The bulk-delete wizard's server side, for administrators only (checked in every method): resolves a
/// <see cref="DeletionSelection"/> to the matching calls, previews them with exact counts, streams their list as an Excel file
/// (the records export's streaming writer, <see cref="CallsExport"/>), and on confirmation creates the deletion job through
/// <see cref="DeletionJobs"/> — for a filter or a connection with the ids selected at that moment, refused when they are not as
/// many as the preview showed and the administrator typed; for an erasure request with <see cref="DeletionJobs.CreateErasureAsync"/>.
/// Refusals go to the security log (reads) or also to the audit log, marked refused (confirmations).
/// </summary>
public sealed class DeletionWizard(
    IDbContextFactory<PortalDbContext> contexts,
    CallSearch search,
    DeletionJobs jobs,
    AuditLog audit,
    SecurityLog security,
    TimeProvider clock)
{
    public const string PreviewAction = "retention.wizard.preview";
    public const string ListAction = "retention.wizard.list";
    private const string AdminsOnly = "Only administrators may delete calls.";
    private const string NewJob = "new deletion job";

    /// <summary>The connections, by name, for "all calls of one connection".</summary>
    public async Task<IReadOnlyList<ConnectionChoice>> ConnectionsAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        RefuseRead(user, PreviewAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().OrderBy(c => c.Name).Select(c => new ConnectionChoice(c.Id, c.Name, c.Vendor)).ToListAsync(cancellationToken);
    }

    /// <summary>The entries of an erasure request that are no phone number in any connection's region (named at once in the wizard).</summary>
    public async Task<IReadOnlyList<string>> UnparseableNumbersAsync(PortalUser user, string numbers, CancellationToken cancellationToken = default)
    {
        RefuseRead(user, PreviewAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ErasureTarget.ResolveAsync(db, numbers, null, null, cancellationToken)).Numbers.Unparseable;
    }

    /// <summary>The selection in words (as the job and its certificate will say it).</summary>
    public async Task<string> DescribeAsync(PortalUser user, DeletionSelection selection, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        RefuseRead(user, PreviewAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ResolveAsync(db, user, selection, zone, cancellationToken)).Words;
    }

    /// <summary>Counts the matching calls now, per connection and kind, and lists the first <see cref="DeletionPreview.FirstCallsShown"/>.</summary>
    public async Task<DeletionPreview> PreviewAsync(PortalUser user, DeletionSelection selection, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        RefuseRead(user, PreviewAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resolved = await ResolveAsync(db, user, selection, zone, cancellationToken);
        var counts = await resolved.Calls.GroupBy(c => c.ConnectionId)
            .Select(g => new { ConnectionId = g.Key, Calls = g.Count(), WithTranscript = g.Count(c => c.HasTranscript), WithRecording = g.Count(c => c.HasRecording) })
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.ConnectionId).ToArray();
        var connections = await db.Connections.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var perConnection = counts
            .Select(c => new ConnectionDeletionCounts(c.ConnectionId, connections[c.ConnectionId].Name, connections[c.ConnectionId].Vendor, c.Calls,
                c.WithTranscript, c.WithRecording))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.ConnectionId).ToList();
        var first = await CallSearch.ToRows(Oldest(resolved.Calls)).Take(DeletionPreview.FirstCallsShown).ToListAsync(cancellationToken);
        var vendors = perConnection.Select(c => c.Vendor).Distinct().Order().Select(VendorCopyDeletion.For).ToList();
        var held = await resolved.Holds.ExclusionsAsync(db, resolved.Held, cancellationToken);
        return new DeletionPreview(perConnection, first, vendors, resolved.Words, resolved.Erasure?.Numbers.Unparseable ?? [], held);
    }

    /// <summary>How many calls match now (for the download's size check and progress).</summary>
    public async Task<int> CountAsync(PortalUser user, DeletionSelection selection, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        await RefuseListAsync(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (await ResolveAsync(db, user, selection, zone, cancellationToken)).Calls.CountAsync(cancellationToken);
    }

    /// <summary>
    /// Streams the matching calls, oldest first, as an Excel file (nothing held in memory) and writes the audit entry: the selection
    /// in words (an erasure request's numbers only counted) and the row count; a download that stops midway is audited too.
    /// </summary>
    public async Task<CallsExportResult> WriteListAsync(PortalUser user, DeletionSelection selection, TimeZoneInfo zone, string fileName, Stream output,
        CancellationToken cancellationToken = default)
    {
        await RefuseListAsync(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resolved = await ResolveAsync(db, user, selection, zone, cancellationToken);
        var now = clock.GetUtcNow();
        var heading = new ExportHeading("Calls to delete", [
            "Selection: " + resolved.Words,
            "Nothing is deleted yet: these are the calls the bulk-delete wizard matches now; the job deletes the calls selected when it is confirmed.",
            $"Times in {ZoneName(zone)}",
            $"Produced {TimeZoneInfo.ConvertTime(now, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({ZoneName(zone)}) by {user.Name}",
            SpreadsheetText.RuleInWords,
        ], user.Name, now.UtcDateTime);
        var read = 0;
        async IAsyncEnumerable<CallRow> Rows()
        {
            await foreach (var row in CallSearch.ToRows(Oldest(resolved.Calls)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                read++;
                yield return row;
            }
        }
        try
        {
            var result = await CallsExport.WriteAsync(output, heading, Rows(), zone, cancellationToken);
            await audit.WriteAsync(user, ListAction, fileName, resolved.Words, result.Rows, $"{result.Bytes:N0} bytes; times in {zone.Id}", CancellationToken.None);
            return result;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            await audit.WriteAsync(user, ListAction, fileName, resolved.Words, read, $"Stopped after {read} calls: the download was cancelled or the connection closed.",
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Creates the deletion job of a confirmed selection and returns its id. Refused (with the reason in words, in the audit log
    /// marked refused) when the typed confirmation is not the previewed number of calls (for a connection: its name), when the
    /// calls selected now are not as many as the preview showed, or by <see cref="DeletionJobs"/> (no reason, no calls, an
    /// overlapping job, an entry that is no number). The typed count is what keeps a filter that matches everything from being
    /// accepted by accident.
    /// </summary>
    public async Task<long> ConfirmAsync(PortalUser user, DeletionSelection selection, TimeZoneInfo zone, DeletionConfirmation confirmation,
        CancellationToken cancellationToken = default)
    {
        if (!user.IsAdmin)
        {
            await audit.RefusedAsync(user, DeletionJobs.CreateAction, NewJob, AdminsOnly);
            throw new UnauthorizedAccessException(AdminsOnly);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resolved = await ResolveAsync(db, user, selection, zone, cancellationToken);
        var typed = confirmation.Typed.Trim();
        if (selection.Kind == DeletionSelectionKind.ConnectionBeforeDate)
        {
            if (!string.Equals(typed, resolved.ConnectionName, StringComparison.Ordinal))
            {
                await RefuseAsync(user, $"Type the connection's name exactly as shown (\"{resolved.ConnectionName}\") to confirm.");
            }
        }
        else if (ParseCount(typed) is not { } count || count != confirmation.PreviewedCount)
        {
            await RefuseAsync(user, string.Create(CultureInfo.InvariantCulture,
                $"You typed \"{typed}\", but the preview shows {confirmation.PreviewedCount:N0} calls: type that number to confirm."));
        }

        var requestedBy = string.IsNullOrWhiteSpace(confirmation.RequestedBy) ? null : confirmation.RequestedBy.Trim();
        if (requestedBy?.Length > DeletionConfirmation.MaxRequestedBy)
        {
            await RefuseAsync(user, string.Create(CultureInfo.InvariantCulture,
                $"\"Requested by\" is {requestedBy.Length} characters long; at most {DeletionConfirmation.MaxRequestedBy} are kept. Shorten it to confirm."));
        }

        if (selection.Kind == DeletionSelectionKind.Erasure)
        {
            var now = await resolved.Calls.CountAsync(cancellationToken);
            await RefuseUnlessAsync(user, now, confirmation.PreviewedCount);
            return await jobs.CreateErasureAsync(user, resolved.Erasure!, confirmation.Reason, requestedBy, cancellationToken);
        }
        var ids = await resolved.Calls.Select(c => c.Id).ToArrayAsync(cancellationToken);
        await RefuseUnlessAsync(user, ids.Length, confirmation.PreviewedCount);
        var kind = selection.Kind == DeletionSelectionKind.Filter ? DeletionJobKind.WizardFilter : DeletionJobKind.ConnectionBeforeDate;
        var scope = selection.Kind == DeletionSelectionKind.Filter ? confirmation.Scope : CallDeletionScope.Calls;
        return await jobs.CreateAsync(user, new DeletionJobRequest(kind, scope, ids, confirmation.Reason, resolved.Words, requestedBy), cancellationToken);
    }

    /// <summary>A typed number of calls: digits, optionally grouped with spaces, commas, dots or apostrophes ("12,345").</summary>
    public static long? ParseCount(string typed)
    {
        var digits = typed.Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal)
            .Replace(".", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        return digits.Length is > 0 and <= 12 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    private async Task RefuseUnlessAsync(PortalUser user, long selectedNow, long previewed)
    {
        if (selectedNow != previewed)
        {
            await RefuseAsync(user, string.Create(CultureInfo.InvariantCulture,
                $"The selection matches {selectedNow:N0} calls now, not the {previewed:N0} the preview showed: calls were added or deleted meanwhile. Nothing was deleted; look at the preview again."));
        }
    }

    private async Task RefuseAsync(PortalUser user, string reason)
    {
        await audit.RefusedAsync(user, DeletionJobs.CreateAction, NewJob, reason);
        throw new DeletionJobRefusedException(reason);
    }

    private void RefuseRead(PortalUser user, string action)
    {
        if (!user.IsAdmin)
        {
            security.Refused(user, action, "bulk-delete wizard", AdminsOnly);
            throw new UnauthorizedAccessException(AdminsOnly);
        }
    }

    /// <summary>The list is an export of call data: a refusal goes to the audit log too.</summary>
    private async Task RefuseListAsync(PortalUser user)
    {
        if (!user.IsAdmin)
        {
            await audit.RefusedAsync(user, ListAction, "bulk-delete wizard", AdminsOnly);
            throw new UnauthorizedAccessException(AdminsOnly);
        }
    }

    /// <summary>What a selection matches: its calls, in words, and for an erasure request its target, for a connection its name.</summary>
    private sealed record Matched(IQueryable<Call> Calls, string Words, ErasureTarget? Erasure = null, string? ConnectionName = null);

    /// <summary>
    /// A selection read against the database: <see cref="Calls"/> are the calls it deletes — those it matches that no legal hold
    /// covers; <see cref="Held"/> the ids it matches that holds keep.
    /// </summary>
    private sealed record Resolved(IQueryable<Call> Calls, IQueryable<long> Held, ActiveHolds Holds, string Words, ErasureTarget? Erasure,
        string? ConnectionName);

    private async Task<Resolved> ResolveAsync(PortalDbContext db, PortalUser user, DeletionSelection selection, TimeZoneInfo zone, CancellationToken ct)
    {
        var matching = await MatchAsync(db, user, selection, zone, ct);
        var holds = await ActiveHolds.ReadAsync(db, ct);
        var held = holds.CallIds(db);
        return new Resolved(holds.Exclude(db, matching.Calls), matching.Calls.Select(c => c.Id).Where(id => held.Contains(id)), holds, matching.Words,
            matching.Erasure, matching.ConnectionName);
    }

    private async Task<Matched> MatchAsync(PortalDbContext db, PortalUser user, DeletionSelection selection, TimeZoneInfo zone, CancellationToken ct)
    {
        switch (selection.Kind)
        {
            case DeletionSelectionKind.Erasure:
                var fromUtc = selection.From is { } from ? StartOfDayUtc(from, zone) : (DateTime?)null;
                var toUtc = selection.To is { } to ? StartOfDayUtc(to.AddDays(1), zone) : (DateTime?)null;
                if (fromUtc >= toUtc)
                {
                    throw new DeletionSelectionException("The first day of the range is after its last day.");
                }
                var target = await ErasureTarget.ResolveAsync(db, selection.Numbers, fromUtc, toUtc, ct);
                if (target.Numbers.Entries.Count == 0)
                {
                    throw new DeletionSelectionException("Enter at least one phone number.");
                }
                var ids = target.CallIds(db);
                var range = (selection.From, selection.To) switch
                {
                    ({ } f, { } t) => $", calls from {Iso(f)} to {Iso(t)}",
                    ({ } f, null) => $", calls from {Iso(f)}",
                    (null, { } t) => $", calls until {Iso(t)}",
                    _ => ", all their calls",
                };
                var words = string.Create(CultureInfo.InvariantCulture, $"erasure request: {target.Numbers.Entries.Count} phone {(target.Numbers.Entries.Count == 1 ? "number" : "numbers")}{range}") +
                    (selection.From is null && selection.To is null ? "" : $" ({ZoneName(zone)})");
                return new Matched(db.Calls.AsNoTracking().Where(c => ids.Contains(c.Id)), words, target);
            case DeletionSelectionKind.ConnectionBeforeDate:
                var connection = selection.ConnectionId is { } id ? await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) : null;
                if (connection is null)
                {
                    throw new DeletionSelectionException("Choose a connection.");
                }
                if (selection.Before is not { } before)
                {
                    throw new DeletionSelectionException("Choose the day: the calls that started before it are deleted.");
                }
                var beforeUtc = StartOfDayUtc(before, zone);
                return new Matched(db.Calls.AsNoTracking().Where(c => c.ConnectionId == connection.Id && c.StartedAtUtc < beforeUtc),
                    string.Create(CultureInfo.InvariantCulture,
                        $"all calls of connection \"{connection.Name}\" (#{connection.Id}, {VendorCatalog.Label(connection.Vendor)}) that started before {Iso(before)} 00:00 ({ZoneName(zone)})"),
                    ConnectionName: connection.Name);
            default:
                var filter = selection.Filter;
                var calls = await search.MatchingAsync(db, user, filter, zone, ct);
                var period = ReportingPeriod.Resolve(filter.Dashboard, zone, clock.GetUtcNow());
                var names = new FilterNames(await db.Connections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct),
                    await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Name, ct));
                return new Matched(calls,
                    $"record browser filter: {CallFilterText.Range(filter.Dashboard, period)} ({ZoneName(zone)}); {CallFilterText.Calls(filter, names)}");
        }
    }

    private static IQueryable<Call> Oldest(IQueryable<Call> calls) => calls.OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id);

    /// <summary>00:00 of the day in the zone, in UTC (a day that starts in a DST gap starts at its first valid time).</summary>
    internal static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
}
