using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Portal.Web.Auth;
using Portal.Web.Hosting;
using Portal.Web.Reporting;

namespace Portal.Web.Features.Dashboards;

/// <summary>
/// The dashboard page. The filter lives in the URL: a change navigates, and the location change reloads. Data loads once
/// the circuit is interactive (the browser's zone is known only then), again every minute while the page is open, and on
/// Refresh; a reload keeps the previous data on screen until the new data is there.
/// </summary>
public partial class DashboardPage
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(60);
    private const string Path = "/dashboard";

    private readonly CancellationTokenSource _closing = new();
    private CancellationTokenSource? _load;
    private PeriodicTimer? _timer;
    private DashboardFilter _filter = new();
    private IReadOnlyList<string> _filterErrors = [];
    private TimeZoneInfo? _zone;
    private PortalUser? _user;
    private FilterChoices? _choices;
    private DashboardData? _data;
    private CallLists? _lists;
    private DashboardFilter? _dataFilter;
    private DateTime? _loadedAtUtc;
    private bool _loading;
    private string? _error;

    [Inject] private DashboardQuery Query { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private CurrentUserAccessor CurrentUser { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<DashboardPage> Logger { get; set; } = default!;

    /// <summary>The range in the viewer's zone (UTC until the browser's zone is known).</summary>
    private ReportingPeriod Period => ReportingPeriod.Resolve(_filter, _zone ?? TimeZoneInfo.Utc, Time.GetUtcNow());

    private string PeriodText => _zone is null
        ? _filter.Range.Label()
        : $"{_filter.Range.Label()} · {DashboardFormat.Days(Period.FirstDay, Period.LastDay)} · times in {_zone.Id}";

    private string PreviousText => _data is null ? "" : DashboardFormat.Span(_data.Period.ToLocal(_data.Period.PreviousFromUtc), _data.Period.ToLocal(_data.Period.PreviousToUtc));

    /// <summary>The query of the data on screen (for tests: which filter the tiles show).</summary>
    private string? LoadedQuery => _dataFilter is null ? null : DashboardFilterQuery.Format(_dataFilter);

    private bool HasFilters => _filter.ConnectionIds.Count > 0 || _filter.Vendors.Count > 0 || _filter.Direction is not null
        || _filter.Teams.Count > 0 || _filter.Extensions.Count > 0;

    protected override void OnInitialized()
    {
        (_filter, _filterErrors) = Parse(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        try
        {
            _zone = await Clock.GetZoneAsync();
            _user = await CurrentUser.GetAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = $"The dashboard could not start: {ex.Message}";
            StateHasChanged();
            return;
        }
        await LoadAsync();
        _ = RefreshWhileOpenAsync();
    }

    private (DashboardFilter, IReadOnlyList<string>) Parse(string uri) => DashboardFilterQuery.Parse(new Uri(uri).Query, DateRangeLimits.Today(Time));

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var relative = Navigation.ToBaseRelativePath(e.Location);
        var path = relative.Split('?', '#')[0].TrimEnd('/');
        if (!string.Equals("/" + path, Path, StringComparison.OrdinalIgnoreCase))
        {
            return; // leaving the page
        }
        _ = InvokeAsync(async () =>
        {
            var (filter, errors) = Parse(e.Location);
            _filterErrors = errors;
            if (filter.Equals(_filter))
            {
                StateHasChanged();
                return;
            }
            _filter = filter;
            await LoadAsync();
        });
    }

    /// <summary>A changed filter goes into the URL; <see cref="OnLocationChanged"/> loads it. The window is a small tweak: no history entry.</summary>
    private void Apply(DashboardFilter filter) => Navigate(filter, replace: false);

    private void Navigate(DashboardFilter filter, bool replace)
    {
        if (!filter.Equals(_filter))
        {
            Navigation.NavigateTo(Path + DashboardFilterQuery.Format(filter), replace: replace);
        }
    }

    private void WindowChanged(int hours) =>
        Navigate(_filter with { UnreturnedWindowHours = Math.Clamp(hours, 1, 24 * 30) }, replace: true);

    private void ClearFilters() =>
        Navigate(_filter with { ConnectionIds = [], Vendors = [], Direction = null, Teams = [], Extensions = [] }, replace: false);

    private Task RefreshAsync() => LoadAsync();

    private async Task RefreshWhileOpenAsync()
    {
        _timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await _timer.WaitForNextTickAsync(_closing.Token))
            {
                // A load still running (a slow query or a filter change) is not interrupted by the clock.
                await InvokeAsync(() => _load is null ? LoadAsync() : Task.CompletedTask);
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed
        }
        catch (ObjectDisposedException)
        {
            // the page closed while a tick was due
        }
    }

    /// <summary>
    /// Loads the data for the current filter; a newer load cancels an older one, whose result is dropped. The data on
    /// screen stays until the new data is there; a failure shows its message and keeps it.
    /// </summary>
    private async Task LoadAsync()
    {
        if (_user is null || _zone is null || _closing.IsCancellationRequested)
        {
            return;
        }
        var load = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        _load?.Cancel();
        _load = load;
        _loading = true;
        StateHasChanged();

        var filter = _filter;
        try
        {
            var (choices, data, scope) = await Query.LoadPageAsync(_user, filter, _zone, load.Token);
            if (_load != load)
            {
                return;
            }
            if (!filter.Equals(_dataFilter))
            {
                _lists = null; // the tables of another filter would mislead: skeletons until this filter's arrive
            }
            (_choices, _data, _dataFilter, _error) = (choices, data, filter, null);
            _loadedAtUtc = Time.GetUtcNow().UtcDateTime;
            StateHasChanged();
            var lists = await Query.LoadCallListsAsync(scope, filter, _zone, load.Token);
            if (_load == load)
            {
                _lists = lists;
            }
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            // a newer load or the closing page took over
        }
        catch (Exception ex)
        {
            if (_load == load)
            {
                Logger.LogWarning(ex, "The dashboard could not load {Query}", DashboardFilterQuery.Format(filter));
                _error = ex is UnauthorizedAccessException
                    ? ex.Message
                    : $"The dashboard could not be loaded: {ex.Message} Try Refresh; if it keeps failing, the portal's log has the details.";
            }
        }
        finally
        {
            if (_load == load)
            {
                _load = null;
                _loading = false;
            }
            load.Dispose();
        }
        if (!_closing.IsCancellationRequested)
        {
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        await _closing.CancelAsync();
        _timer?.Dispose();
    }
}
