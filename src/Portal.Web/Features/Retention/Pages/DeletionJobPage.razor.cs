using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Data.Entities;
using Portal.Web.Hosting;

namespace Portal.Web.Features.Retention.Pages;

/// <summary>
/// One deletion job: what it deletes and why, its timings and progress, pause, resume and cancel, and its result. Follows a
/// job live while it runs: each batch the runner of this instance commits (<see cref="DeletionJobRunner.BatchCommitted"/>)
/// updates the counts at once, and the job is read again every second (a job run by another instance, and state changes).
/// Every action goes through <see cref="DeletionJobs"/>, which checks the user on the server.
/// </summary>
public partial class DeletionJobPage
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);
    /// <summary>A job that is not active changes rarely (another administrator resumes it): read it every few seconds only.</summary>
    private const int IdleTicksPerRead = 5;
    private static readonly TimeSpan MinimumRenderGap = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _closing = new();
    private readonly DeletionJobSpeed _speed = new();
    private PeriodicTimer? _refresh;
    private DeletionJob? _job;
    private LoadState _load = LoadState.Loading;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _busy;
    private bool _subscribed;
    private DateTime _lastLiveRenderUtc;

    [Parameter] public long Id { get; set; }

    private enum LoadState { Loading, Loaded, Missing, Refused, Failed }

    protected override async Task OnParametersSetAsync()
    {
        _speed.Reset();
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _zone = await Clock.GetZoneAsync();
            Runner.BatchCommitted += OnBatchCommitted;
            _subscribed = true;
            StateHasChanged();
            _ = RefreshWhileOpenAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            var job = await Jobs.GetAsync(await CurrentUser.GetAsync(), Id, _closing.Token);
            _load = job is null ? LoadState.Missing : LoadState.Loaded;
            Show(job);
            await LoadVendorSideAsync(job);
        }
        catch (UnauthorizedAccessException)
        {
            _load = LoadState.Refused;
            _job = null;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // the page closed meanwhile
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Deletion job {JobId} could not be loaded", Id);
            if (_job is null)
            {
                _load = LoadState.Failed;
            }
        }
    }

    /// <summary>Takes a freshly read job, and measures its pace while it runs.</summary>
    private void Show(DeletionJob? job)
    {
        if (job is not null && _job is { } shown && shown.Id == job.Id && shown.State == job.State && job.ProcessedCount < shown.ProcessedCount)
        {
            // a batch reported live is committed, but this read started before it: keep the newer counts
            job.ProcessedCount = shown.ProcessedCount;
            job.DeletedCount = Math.Max(job.DeletedCount, shown.DeletedCount);
        }
        _job = job;
        if (job?.State == DeletionJobState.Running)
        {
            _speed.Observe(Time.GetUtcNow().UtcDateTime, job.ProcessedCount);
        }
        else
        {
            _speed.Reset();
        }
    }

    private async Task RefreshWhileOpenAsync()
    {
        _refresh = new PeriodicTimer(RefreshInterval);
        var ticks = 0;
        try
        {
            while (await _refresh.WaitForNextTickAsync(_closing.Token))
            {
                ticks++;
                if (_load is not (LoadState.Loaded or LoadState.Failed)
                    || (_job is { } job && !DeletionJobText.IsActive(job.State) && ticks % IdleTicksPerRead != 0))
                {
                    continue;
                }
                try
                {
                    await InvokeAsync(async () =>
                    {
                        await LoadAsync();
                        StateHasChanged();
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logger.LogWarning(ex, "The page of deletion job {JobId} could not refresh; trying again", Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed
        }
    }

    /// <summary>On the runner's thread, after each committed batch of any job: only this page's job, handed to the renderer.</summary>
    private void OnBatchCommitted(DeletionJobProgress progress)
    {
        if (progress.JobId != Id || _closing.IsCancellationRequested)
        {
            return;
        }
        _ = ShowProgressAsync(progress);
    }

    private async Task ShowProgressAsync(DeletionJobProgress progress)
    {
        try
        {
            await InvokeAsync(() =>
            {
                if (_job is not { } job || job.Id != progress.JobId || progress.ProcessedCount < job.ProcessedCount)
                {
                    return;
                }
                job.ProcessedCount = progress.ProcessedCount;
                job.DeletedCount = progress.DeletedCount;
                var now = Time.GetUtcNow().UtcDateTime;
                if (job.State == DeletionJobState.Running)
                {
                    _speed.Observe(now, job.ProcessedCount);
                }
                if (now - _lastLiveRenderUtc >= MinimumRenderGap || job.ProcessedCount == job.SelectedCount)
                {
                    _lastLiveRenderUtc = now;
                    StateHasChanged();
                }
            });
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // the circuit is gone; nobody to show it to
        }
    }

    private Task PauseAsync() => ActAsync(user => Jobs.PauseAsync(user, Id, _closing.Token), "Paused: the job stops after the batch that runs now.", Severity.Info);

    private Task ResumeAsync() => ActAsync(user => Jobs.ResumeAsync(user, Id, _closing.Token), "Resumed: the job continues where it stopped.", Severity.Success);

    private async Task CancelAsync()
    {
        if (_job is not { } job)
        {
            return;
        }
        var left = Math.Max(0, job.SelectedCount - job.ProcessedCount);
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Cancel deletion job {Id}?",
            $"The job stops for good after the batch that runs now. What it has deleted stays deleted; the {left:N0} calls it has not reached yet are kept "
            + "and no longer reserved for it. A cancelled job cannot be resumed.",
            yesText: "Cancel job", cancelText: "Keep running");
        if (confirmed == true)
        {
            await ActAsync(user => Jobs.CancelAsync(user, Id, _closing.Token), "Cancelled: what the job deleted stays deleted; its certificate says what.",
                Severity.Info);
        }
    }

    /// <summary>Runs one action for the signed-in user; a refusal (not an administrator, a state that does not allow it) is shown, never thrown.</summary>
    private async Task ActAsync(Func<Auth.PortalUser, Task> action, string done, Severity severity)
    {
        if (_busy)
        {
            return; // a second click while the first runs
        }
        _busy = true;
        try
        {
            await action(await CurrentUser.GetAsync());
            Snackbar.Add(done, severity);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DeletionJobRefusedException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private TimeSpan? RunTime() => _job?.StartedAtUtc is { } started
        ? (_job.FinishedAtUtc ?? (DeletionJobText.IsActive(_job.State) ? Time.GetUtcNow().UtcDateTime : null)) - started
        : null;

    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            Runner.BatchCommitted -= OnBatchCommitted;
        }
        await _closing.CancelAsync(); // not disposed: a running action may still read its token
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }
}
