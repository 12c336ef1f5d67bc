using System.Globalization;
using MudBlazor;
using Portal.Web.Data.Entities;

namespace Portal.Web.Features.Retention.Pages;

/// <summary>
/// The vendor side of a deletion job on its page: what else happened at the vendors (not yet sent, not possible), the calls
/// whose vendor copy could not be deleted, and a retry of those. Read again only when the job's state or vendor counts change.
/// The retry goes through <see cref="DeletionJobs.RetryVendorAsync"/>, which refuses anyone but an administrator on the server.
/// </summary>
public partial class DeletionJobPage
{
    private VendorSideSummary? _vendorSummary;
    private IReadOnlyList<VendorDeleteFailure> _vendorFailures = [];
    private (long Id, DeletionJobState State, long Deleted, long Failed, long Processed)? _vendorShownFor;
    private bool _retrying;

    /// <summary>Reads the vendor side of a job that is not running, unless it was read for the same state and counts.</summary>
    private async Task LoadVendorSideAsync(DeletionJob? job, bool force = false)
    {
        if (job is null || DeletionJobText.IsActive(job.State))
        {
            return;
        }
        var key = (job.Id, job.State, job.VendorDeletedCount, job.VendorFailedCount, job.ProcessedCount);
        if (!force && _vendorShownFor == key)
        {
            return;
        }
        try
        {
            var user = await CurrentUser.GetAsync();
            _vendorSummary = await Jobs.VendorSummaryAsync(user, job.Id, _closing.Token);
            _vendorFailures = job.VendorFailedCount > 0 ? await Jobs.VendorFailuresAsync(user, job.Id, _closing.Token) : [];
            _vendorShownFor = key;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not UnauthorizedAccessException)
        {
            Logger.LogWarning(ex, "The vendor side of deletion job {JobId} could not be read", job.Id);
        }
    }

    private async Task RetryVendorAsync()
    {
        if (_retrying || _busy)
        {
            return;
        }
        _retrying = true;
        try
        {
            var result = await Jobs.RetryVendorAsync(await CurrentUser.GetAsync(), Id, _closing.Token);
            Snackbar.Add(string.Create(CultureInfo.InvariantCulture,
                $"Sent {result.Retried:N0} vendor delete(s) again: {result.Deleted:N0} deleted, {result.Failed:N0} failed."),
                result.Failed == 0 ? Severity.Success : Severity.Warning);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DeletionJobRefusedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The vendor deletes of deletion job {JobId} could not be retried", Id);
            Snackbar.Add("The vendor deletes could not be sent again. Try again in a moment.", Severity.Error);
        }
        finally
        {
            _retrying = false;
        }
        await LoadAsync();
        await LoadVendorSideAsync(_job, force: true);
    }
}
