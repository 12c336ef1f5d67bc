using System.Globalization;
using Portal.Web.Data.CallStore;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention.Pages;

/// <summary>The words the job page shows for the vendor side of a deletion job, and for who asked and who confirmed.</summary>
public static class DeletionJobVendorText
{
    /// <summary>
    /// "N deleted, M failed" (with the deletes not yet sent and the ones not possible, when there are any); "not possible" alone
    /// for a job whose connections' vendors cannot delete; "nothing to delete" for a job that deleted only transcripts.
    /// </summary>
    public static string Counts(DeletionJob job, VendorSideSummary? summary)
    {
        if (job.Scope == CallDeletionScope.TranscriptsOnly)
        {
            return "nothing to delete: the job deleted only transcripts";
        }
        var pending = summary?.Pending ?? 0;
        var notPossible = summary?.NotPossible ?? 0;
        if (job.VendorDeletedCount == 0 && job.VendorFailedCount == 0 && pending == 0 && notPossible > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"not possible: the vendor cannot delete its copy of these {notPossible:N0} calls from the portal");
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"{job.VendorDeletedCount:N0} deleted, {job.VendorFailedCount:N0} failed");
        if (pending > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {pending:N0} not yet sent");
        }
        if (notPossible > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {notPossible:N0} not possible (the vendor has no delete)");
        }
        return text;
    }

    /// <summary>Who asked for the delete: the words recorded with the job, else the administrator who created it.</summary>
    public static string RequestedBy(DeletionJob job) => string.IsNullOrWhiteSpace(job.RequestedBy) ? DeletionJobText.RequestedBy(job) : job.RequestedBy;

    /// <summary>The administrator who confirmed it; jobs made before that was recorded say so.</summary>
    public static string ConfirmedBy(DeletionJob job) =>
        !string.IsNullOrWhiteSpace(job.ConfirmedByName) ? job.ConfirmedByName
        : job.ConfirmedByUserId ?? "not recorded (a job made before confirmations were recorded)";
}
