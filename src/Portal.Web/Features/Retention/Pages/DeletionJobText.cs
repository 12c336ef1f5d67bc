using System.Globalization;
using MudBlazor;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;
using Portal.Web.Hosting;

namespace Portal.Web.Features.Retention.Pages;

/// <summary>The words and colors the retention pages show for a deletion job.</summary>
public static class DeletionJobText
{
    public static string JobPath(long jobId) => string.Create(CultureInfo.InvariantCulture, $"/retention/jobs/{jobId}");

    /// <summary>The wizard (built in its own page).</summary>
    public const string NewBulkDeletePath = "/retention/delete";

    public static string State(DeletionJobState state) => state switch
    {
        DeletionJobState.Pending => "Waiting",
        DeletionJobState.Running => "Running",
        DeletionJobState.Paused => "Paused",
        DeletionJobState.Cancelled => "Cancelled",
        DeletionJobState.Completed => "Completed",
        DeletionJobState.Failed => "Failed",
        _ => state.ToString(),
    };

    public static Color StateColor(DeletionJobState state) => state switch
    {
        DeletionJobState.Running => Color.Info,
        DeletionJobState.Paused => Color.Warning,
        DeletionJobState.Completed => Color.Success,
        DeletionJobState.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string StateIcon(DeletionJobState state) => state switch
    {
        DeletionJobState.Pending => Icons.Material.Outlined.HourglassEmpty,
        DeletionJobState.Running => Icons.Material.Outlined.PlayCircle,
        DeletionJobState.Paused => Icons.Material.Outlined.PauseCircle,
        DeletionJobState.Cancelled => Icons.Material.Outlined.Cancel,
        DeletionJobState.Completed => Icons.Material.Outlined.CheckCircle,
        DeletionJobState.Failed => Icons.Material.Outlined.Error,
        _ => Icons.Material.Outlined.Circle,
    };

    /// <summary>Still working, or about to: the pages follow it live.</summary>
    public static bool IsActive(DeletionJobState state) => state is DeletionJobState.Pending or DeletionJobState.Running;

    /// <summary>Ended for good, or stopped by an error: its result is shown.</summary>
    public static bool HasResult(DeletionJobState state) => state is DeletionJobState.Completed or DeletionJobState.Cancelled or DeletionJobState.Failed;

    /// <summary>A certificate is issued for a completed or cancelled job.</summary>
    public static bool HasCertificate(DeletionJobState state) => state is DeletionJobState.Completed or DeletionJobState.Cancelled;

    public static bool CanPause(DeletionJobState state) => state is DeletionJobState.Pending or DeletionJobState.Running;

    public static bool CanResume(DeletionJobState state) => state is DeletionJobState.Paused or DeletionJobState.Failed;

    public static bool CanCancel(DeletionJobState state) => DeletionJobs.Holding.Contains(state);

    /// <summary>A short name for the kind, for a table column.</summary>
    public static string Kind(DeletionJobKind kind) => kind switch
    {
        DeletionJobKind.WizardFilter => "Bulk delete",
        DeletionJobKind.Erasure => "Erasure request",
        DeletionJobKind.ConnectionBeforeDate => "Connection before a date",
        DeletionJobKind.PolicyPurge => "Policy purge",
        DeletionJobKind.ConnectionRemoval => "Connection removal",
        _ => kind.ToString(),
    };

    /// <summary>What the job deletes: whole calls, or only their transcripts.</summary>
    public static string Scope(CallDeletionScope scope) =>
        scope == CallDeletionScope.Calls ? "calls with their transcripts and recordings" : "transcripts only (the calls are kept)";

    /// <summary>What the job's count of deleted items counts.</summary>
    public static string DeletedNoun(CallDeletionScope scope) => scope == CallDeletionScope.Calls ? "calls" : "transcripts";

    /// <summary>Words that start a sentence: the first letter upper case.</summary>
    public static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    public static string Selection(DeletionJob job) => string.IsNullOrWhiteSpace(job.Selection) ? "(not recorded)" : job.Selection;

    public static string RequestedBy(DeletionJob job) => string.IsNullOrWhiteSpace(job.RequestedByName) ? job.RequestedByUserId : job.RequestedByName;

    /// <summary>A time in the viewer's zone, or a dash.</summary>
    public static string At(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } at ? ViewerClock.ToZone(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>"processed of selected (percent)": whole numbers with separators; the percentage rounded down, so 100 % means done.</summary>
    public static string Counts(long processed, long selected) =>
        string.Create(CultureInfo.InvariantCulture, $"{processed:N0} of {selected:N0} calls ({Math.Floor(Percent(processed, selected)):0} %)");

    public static double Percent(long processed, long selected) => selected <= 0 ? 0 : Math.Clamp(100.0 * processed / selected, 0, 100);

    public static string Rate(double callsPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{callsPerSecond:N0} calls/s");

    /// <summary>A duration in words for a person: "45 s", "3 min 20 s", "2 h 5 min".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0} s")
            : span.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
