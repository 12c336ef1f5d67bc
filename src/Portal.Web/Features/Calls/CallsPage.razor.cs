using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Portal.Web.Auth;
using Portal.Web.Reporting;
using Portal.Web.Hosting;

namespace Portal.Web.Features.Calls;

/// <summary>
/// The record browser: filters, sort and page live in the URL (<see cref="CallsView"/>). A change from outside the grid (the
/// filter bar, a link, back/forward) builds a fresh grid from the URL; a change inside it (sort, page, page size) is
/// written back to the URL.
/// </summary>
public partial class CallsPage : IDisposable
{
    private const string ColTime = "time", ColDirection = "direction", ColOutcome = "outcome", ColExtension = "extension", ColNumber = "number",
        ColName = "name", ColTalk = "talk", ColRing = "ring", ColConnection = "connection", ColMedia = "media";

    private static readonly int[] PageSizes = CallsView.PageSizes;

    private static readonly IReadOnlyList<(string Key, string Title)> Columns =
    [
        (ColTime, "Time"), (ColDirection, "Direction"), (ColOutcome, "Outcome"), (ColExtension, "Extension"), (ColNumber, "Number"),
        (ColName, "Name"), (ColTalk, "Talk"), (ColRing, "Ring"), (ColConnection, "Connection"), (ColMedia, "Transcript and recording"),
    ];

    /// <summary>The grid's sort keys (a <see cref="PropertyColumn{T, TProperty}"/>'s property name) and the search's whitelist.</summary>
    private static readonly IReadOnlyDictionary<string, CallSort> SortKeys = new Dictionary<string, CallSort>
    {
        [nameof(CallRow.StartedAtUtc)] = CallSort.Time,
        [nameof(CallRow.Direction)] = CallSort.Direction,
        [nameof(CallRow.Outcome)] = CallSort.Outcome,
        [nameof(CallRow.Extension)] = CallSort.Extension,
        [nameof(CallRow.ExternalNumber)] = CallSort.Number,
        [nameof(CallRow.ExternalName)] = CallSort.Name,
        [nameof(CallRow.DurationSeconds)] = CallSort.Talk,
        [nameof(CallRow.RingSeconds)] = CallSort.Ring,
        [nameof(CallRow.ConnectionName)] = CallSort.Connection,
    };

    [Inject] private CallSearch Search { get; set; } = default!;
    [Inject] private CurrentUserAccessor CurrentUser { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<CallsPage> Logger { get; set; } = default!;

    private readonly HashSet<string> _hidden = [];
    private MudDataGrid<CallRow>? _grid;
    private int _gridKey;
    private CallsView _view = new();
    private IReadOnlyList<string> _errors = [];
    private PortalUser? _user;
    private FilterChoices? _choices;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private int? _total;
    private bool _failed;
    private GridData<CallRow> _last = new() { Items = [], TotalItems = 0 };
    /// <summary>The address of the view the grid last finished loading (for tests and assistive tools: the rows are current).</summary>
    private string? _loadedFor;

    private string TotalText => _failed ? "" : _total is { } total ? $"{total:N0} {(total == 1 ? "call" : "calls")}" : "Counting calls…";

    private string EmptyText => _loadedFor is null && !_failed
        ? "Loading calls…"
        : _failed
        ? "The calls could not be loaded. Try again in a moment."
        : _view.Filter.Equals(new CallFilter())
            ? "No calls in the last 7 days. Choose a longer period, or check that a connection is syncing."
            : "No calls match these filters. Choose a longer period or clear some filters.";

    protected override async Task OnInitializedAsync()
    {
        ReadUrl(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
        _user = await CurrentUser.GetAsync();
        try
        {
            _choices = await Search.LoadChoicesAsync(_user);
        }
        catch (Exception ex) when (ex is not UnauthorizedAccessException)
        {
            Logger.LogWarning(ex, "The record browser's filter choices could not be loaded");
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() =>
    {
        if (ReadUrl(e.Location))
        {
            StateHasChanged();
        }
    });

    /// <summary>Takes the view from the URL when it is the record browser's; true when it differs from the grid's (a new grid is built).</summary>
    private bool ReadUrl(string uri)
    {
        var relative = Navigation.ToBaseRelativePath(uri);
        var path = relative.Split('?', '#')[0];
        if (!string.Equals(path.TrimEnd('/'), "calls", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var (view, errors) = CallsView.Parse(new Uri(uri).Query, DateRangeLimits.Today(Time));
        if (view.Equals(_view))
        {
            // The same view (the grid wrote it, or tidied the address): what was said about the address stays.
            if (errors.Count == 0)
            {
                return false;
            }
            _errors = errors;
            return true;
        }
        _errors = errors;
        _view = view;
        _total = null;
        _gridKey++;
        return true;
    }

    private Task ApplyFilterAsync(CallFilter filter)
    {
        // A new filter starts at the first page; sort and page size stay.
        Navigation.NavigateTo(CallsView.Href(_view with { Filter = filter, Page = 0 }), replace: true);
        return Task.CompletedTask;
    }

    private async Task<GridData<CallRow>> LoadAsync(GridState<CallRow> state, CancellationToken cancellationToken)
    {
        var (sort, descending) = SortOf(state.SortDefinitions);
        var view = _view with { Sort = sort, Descending = descending, Page = state.Page, PageSize = state.PageSize };
        try
        {
            var zone = await Clock.GetZoneAsync();
            _user ??= await CurrentUser.GetAsync();
            var result = await Search.SearchAsync(_user, view.Filter, zone, sort, descending, view.Page, view.PageSize, cancellationToken);
            if (result.Rows.Count == 0 && view.Page > 0 && result.Total > 0)
            {
                // A page past the end (an old link, fewer calls now): start again from the first page.
                Navigation.NavigateTo(CallsView.Href(view with { Page = 0 }), replace: true);
                return _last;
            }
            _zone = zone;
            _total = result.Total;
            _failed = false;
            _last = new GridData<CallRow> { Items = result.Rows, TotalItems = result.Total };
        }
        catch (OperationCanceledException)
        {
            return _last; // a newer request replaced this one
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The record browser could not load calls");
            _failed = true;
            _total = null;
            _last = new GridData<CallRow> { Items = [], TotalItems = 0 };
        }

        _loadedFor = CallsView.Href(view);
        if (!view.Equals(_view) || "/" + Navigation.ToBaseRelativePath(Navigation.Uri) != _loadedFor)
        {
            // Sort, page or page size changed in the grid, or the address was written differently (order, defaults, values
            // that were ignored): the address follows, and ReadUrl then finds nothing new.
            _view = view;
            Navigation.NavigateTo(_loadedFor, replace: true);
        }
        StateHasChanged(); // the total and the zone above the grid
        return _last;
    }

    private static (CallSort Sort, bool Descending) SortOf(ICollection<SortDefinition<CallRow>> definitions) =>
        definitions.OrderBy(d => d.Index).FirstOrDefault() is { } first && SortKeys.TryGetValue(first.SortBy, out var sort)
            ? (sort, first.Descending)
            : (CallSort.Time, true);

    private SortDirection Initial(CallSort sort) =>
        _view.Sort == sort ? (_view.Descending ? SortDirection.Descending : SortDirection.Ascending) : SortDirection.None;

    private void SetVisible(string column, bool visible)
    {
        if (visible)
        {
            _hidden.Remove(column);
        }
        else
        {
            _hidden.Add(column);
        }
    }

    private string Local(DateTime utc) => ViewerClock.ToZone(utc, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The call's page, with the words of the full-text search to mark and the way back to this view.</summary>
    private string DetailHref(CallRow row)
    {
        var query = new Dictionary<string, string?> { ["back"] = CallsView.Href(_view) };
        if (_view.Filter.Text is { } text)
        {
            query["text"] = text;
        }
        return QueryHelpers.AddQueryString($"/calls/{row.Id.ToString(CultureInfo.InvariantCulture)}", query);
    }

    private void OpenAsync(DataGridRowClickEventArgs<CallRow> args) => Navigation.NavigateTo(DetailHref(args.Item));

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
