using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Web.Auth;
using Portal.Web.Data.CallStore;
using Portal.Web.Hosting;
using Portal.Web.Reporting;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Retention;

/// <summary>
/// The bulk-delete wizard: what (the record browser's filter from the address, an erasure request's numbers, or one connection's
/// calls before a day), a preview with exact counts, then a typed confirmation that creates the deletion job and opens its page.
/// Every step asks <see cref="DeletionWizard"/>, which checks on the server that the user is an administrator.
/// </summary>
public partial class DeleteCallsPage
{
    private enum WizardStep { What, Preview, Confirm }

    private static readonly IReadOnlyList<(WizardStep Step, string Title)> Steps =
        [(WizardStep.What, "What"), (WizardStep.Preview, "Preview"), (WizardStep.Confirm, "Confirm")];

    [Inject] private DeletionWizard Wizard { get; set; } = default!;
    [Inject] private CurrentUserAccessor CurrentUser { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<DeleteCallsPage> Logger { get; set; } = default!;

    private WizardStep _step = WizardStep.What;
    private DeletionSelectionKind _kind = DeletionSelectionKind.Filter;
    private CallFilter _filter = new();
    private IReadOnlyList<string> _urlNotes = [];
    private string? _filterWords;
    private string? _numbers;
    private IReadOnlyList<string> _unparseable = [];
    private DateTime? _from;
    private DateTime? _to;
    private int? _connectionId;
    private DateTime? _before;
    private IReadOnlyList<ConnectionChoice> _connections = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DeletionSelection _selection = new();
    private DeletionPreview? _preview;
    private string? _reason;
    private string? _requestedBy;
    private string? _typed;
    private CallDeletionScope _scope = CallDeletionScope.Calls;
    private string? _error;
    private bool _busy;
    private bool _confirming;

    /// <summary>The page of a deletion job (progress, pause, resume, cancel, certificate).</summary>
    public static string JobPath(long jobId) => string.Create(CultureInfo.InvariantCulture, $"/retention/jobs/{jobId}");

    protected override void OnInitialized()
    {
        var (selection, notes) = DeletionSelectionQuery.Parse(new Uri(Navigation.Uri).Query, DateRangeLimits.Today(Time));
        _urlNotes = notes;
        _kind = selection.Kind;
        _filter = selection.Filter;
        _numbers = selection.Numbers;
        _from = selection.From?.ToDateTime(TimeOnly.MinValue);
        _to = selection.To?.ToDateTime(TimeOnly.MinValue);
        _connectionId = selection.ConnectionId;
        _before = selection.Before?.ToDateTime(TimeOnly.MinValue);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }
        await RunAsync(async () =>
        {
            _zone = await Clock.GetZoneAsync();
            var user = await CurrentUser.GetAsync();
            _connections = await Wizard.ConnectionsAsync(user);
            _filterWords = await Wizard.DescribeAsync(user, DeletionSelection.ForFilter(_filter), _zone);
        });
    }

    private string FilterInBrowserHref => RecordBrowserLinks.Path + CallFilterQuery.Format(_filter);

    private string UnparseableText => _unparseable.Count == 0 ? "" : $"Not a phone number in any connection's region: {string.Join(", ", _unparseable)}. Correct or remove these entries.";

    private string ConnectionLabel(int? id) => _connections.FirstOrDefault(c => c.Id == id) is { } c ? $"{c.Name} ({VendorCatalog.Label(c.Vendor)})" : "";

    private string TypePrompt => _kind == DeletionSelectionKind.ConnectionBeforeDate
        ? $"Type the connection's name to confirm: {ConnectionName}"
        : $"Type the number of calls to delete to confirm: {_preview!.Total.ToString("N0", CultureInfo.InvariantCulture)}";

    private string TypeLabel => _kind == DeletionSelectionKind.ConnectionBeforeDate ? "Connection name" : "Number of calls";

    private string? ConnectionName => _connections.FirstOrDefault(c => c.Id == _selection.ConnectionId)?.Name;

    private bool CanConfirm => !_busy && !_confirming && !string.IsNullOrWhiteSpace(_reason) && !string.IsNullOrWhiteSpace(_typed);

    private string ConfirmText => _kind == DeletionSelectionKind.Filter && _scope == CallDeletionScope.TranscriptsOnly
        ? $"Delete the transcripts of {_preview!.Total:N0} calls"
        : $"Delete {_preview!.Total:N0} calls";

    private string StepClass(WizardStep step) => "wizard-step" + (step == _step ? " wizard-step-current" : step < _step ? " wizard-step-done" : "");

    private void KindChanged(DeletionSelectionKind kind)
    {
        _kind = kind;
        _error = null;
    }

    private async Task CheckNumbersAsync()
    {
        if (string.IsNullOrWhiteSpace(_numbers))
        {
            _unparseable = [];
            return;
        }
        await RunAsync(async () => _unparseable = await Wizard.UnparseableNumbersAsync(await CurrentUser.GetAsync(), _numbers));
    }

    private DeletionSelection CurrentSelection() => _kind switch
    {
        DeletionSelectionKind.Erasure => DeletionSelection.ForNumbers(_numbers ?? "", Day(_from), Day(_to)),
        DeletionSelectionKind.ConnectionBeforeDate => new DeletionSelection
        {
            Kind = DeletionSelectionKind.ConnectionBeforeDate, ConnectionId = _connectionId, Before = Day(_before),
        },
        _ => DeletionSelection.ForFilter(_filter),
    };

    private async Task PreviewAsync()
    {
        _error = null;
        var selection = CurrentSelection();
        await RunAsync(async () =>
        {
            _zone = await Clock.GetZoneAsync();
            var preview = await Wizard.PreviewAsync(await CurrentUser.GetAsync(), selection, _zone);
            _unparseable = preview.Unparseable;
            if (preview.Unparseable.Count > 0)
            {
                _error = UnparseableText;
                return;
            }
            _selection = selection;
            _preview = preview;
            _typed = null;
            _step = WizardStep.Preview;
        });
    }

    private async Task ConfirmAsync()
    {
        if (_confirming || _preview is null)
        {
            return; // a second click while the first one runs
        }
        _confirming = true;
        _error = null;
        long? jobId = null;
        await RunAsync(async () => jobId = await Wizard.ConfirmAsync(await CurrentUser.GetAsync(), _selection, _zone,
            new DeletionConfirmation(_reason ?? "", _typed ?? "", _preview.Total, _scope, _requestedBy)));
        _confirming = false;
        if (jobId is { } id)
        {
            Navigation.NavigateTo(JobPath(id));
        }
    }

    /// <summary>Runs a step; what the server refuses or cannot resolve is said on the page.</summary>
    private async Task RunAsync(Func<Task> step)
    {
        _busy = true;
        StateHasChanged();
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is DeletionJobRefusedException or DeletionSelectionException or UnauthorizedAccessException)
        {
            _error = ex.Message;
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The bulk-delete wizard failed");
            _error = "Something went wrong; nothing was deleted. Try again in a moment.";
        }
        finally
        {
            _busy = false;
        }
        StateHasChanged();
    }

    private static DateOnly? Day(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
}
