using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Hosting;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>The Connections page: lists the connections with their sync status (reloaded every 2 s while open) and runs their actions.</summary>
public partial class ConnectionsPage
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _closing = new();
    private readonly HashSet<int> _busy = [];
    private PeriodicTimer? _refresh;
    private IReadOnlyList<ConnectionRow>? _rows;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTime _nowUtc;

    /// <summary>How "Connect with NFON" ended (set by its callback): connected, denied, failed, refused, not-configured.</summary>
    [SupplyParameterFromQuery(Name = "nfon")] public string? NfonOutcome { get; set; }
    [SupplyParameterFromQuery(Name = "id")] public int? NfonConnectionId { get; set; }
    [SupplyParameterFromQuery(Name = "error")] public string? NfonError { get; set; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _zone = await Clock.GetZoneAsync();
            StateHasChanged();
            _ = RefreshWhileOpenAsync();
        }
    }

    private async Task RefreshWhileOpenAsync()
    {
        _refresh = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await _refresh.WaitForNextTickAsync(_closing.Token))
            {
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
                    Logger.LogWarning(ex, "The Connections page could not refresh its status; trying again");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the page closed
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _rows = await Connections.ListAsync(await CurrentUser.GetAsync(), _closing.Token);
            _nowUtc = Time.GetUtcNow().UtcDateTime;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // the page closed meanwhile
        }
    }

    private DateTime Local(DateTime utc) => ViewerClock.ToZone(utc, _zone);

    private string At(DateTime? utc) => utc is { } value ? Local(value).ToString("yyyy-MM-dd HH:mm") : "never";

    private async Task AddAsync() => await OpenEditorAsync(null);

    private async Task OpenEditorAsync(ConnectionDetails? details)
    {
        var parameters = new DialogParameters<EditConnectionDialog>
        {
            { d => d.Details, details },
            { d => d.TakenNames, _rows?.Where(r => r.Id != details?.Row.Id).Select(r => r.Name).ToList() ?? [] },
        };
        var dialog = await Dialogs.ShowAsync<EditConnectionDialog>(null, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: string saved })
        {
            Snackbar.Add(saved, Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RunAsync(ConnectionRow row, ConnectionAction action)
    {
        _busy.Add(row.Id);
        try
        {
            var user = await CurrentUser.GetAsync();
            switch (action)
            {
                case ConnectionAction.Edit:
                    if (await Connections.GetAsync(user, row.Id) is { } details)
                    {
                        await OpenEditorAsync(details);
                    }
                    break;
                case ConnectionAction.Test:
                    var error = await Connections.TestAsync(user, row.Id);
                    Snackbar.Add(error is null ? $"{row.Name}: the connection works." : $"{row.Name}: {error.Message}",
                        ConnectionStatusText.TestSeverity(error));
                    break;
                case ConnectionAction.SyncNow:
                    await Connections.SyncNowAsync(user, row.Id);
                    Snackbar.Add($"{row.Name}: syncing now.", Severity.Info);
                    break;
                case ConnectionAction.ResyncFrom:
                    await ResyncFromAsync(user, row);
                    break;
                case ConnectionAction.Pause:
                    await Connections.PauseAsync(user, row.Id);
                    Snackbar.Add($"{row.Name} paused.", Severity.Info);
                    break;
                case ConnectionAction.Resume:
                    await Connections.ResumeAsync(user, row.Id);
                    Snackbar.Add($"{row.Name} resumed.", Severity.Success);
                    break;
                case ConnectionAction.Remove:
                    await RemoveAsync(user, row);
                    break;
            }
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ConnectionChangeRefusedException or UnauthorizedAccessException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy.Remove(row.Id);
        }
    }

    private async Task ResyncFromAsync(Auth.PortalUser user, ConnectionRow row)
    {
        var parameters = new DialogParameters<ResyncFromDateDialog>
        {
            { d => d.ConnectionName, row.Name },
            { d => d.Zone, _zone },
            { d => d.NowUtc, Time.GetUtcNow().UtcDateTime },
        };
        var dialog = await Dialogs.ShowAsync<ResyncFromDateDialog>(null, parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: DateTime fromUtc })
        {
            await Connections.ResyncFromAsync(user, row.Id, fromUtc);
            Snackbar.Add($"{row.Name}: re-syncing from {At(fromUtc)}.", Severity.Info);
        }
    }

    private async Task RemoveAsync(Auth.PortalUser user, ConnectionRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove {row.Name}?",
            row.RecordsStored == 0
                ? "The connection is removed from the portal. This cannot be undone."
                : $"The connection is paused and a deletion job deletes its {row.RecordsStored:N0} stored calls from the portal (not at the vendor), "
                  + "then removes it. Calls under a legal hold stay. This cannot be undone.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            var jobId = await Connections.RemoveAsync(user, row.Id);
            if (jobId is { } job)
            {
                Snackbar.Add($"{row.Name}: deletion job {job} deletes its calls, then removes it.", Severity.Info,
                    options => { options.Action = "Follow the job"; options.OnClick = _ => { Navigation.NavigateTo(DeletionJobLinks.Job(job)); return Task.CompletedTask; }; });
            }
            else
            {
                Snackbar.Add($"{row.Name} removed.", Severity.Success);
            }
        }
    }

    private (Severity Severity, string Text)? NfonMessage()
    {
        var name = _rows?.FirstOrDefault(r => r.Id == NfonConnectionId)?.Name ?? "the connection";
        var detail = NfonError is null ? "" : $" (NFON answered {NfonError})";
        return NfonOutcome switch
        {
            "connected" => (Severity.Success, $"NFON is connected to {name}: the portal keeps its refresh token and syncs now."),
            "denied" => (Severity.Warning, $"NFON's sign-in was cancelled or refused for {name}{detail}."),
            "failed" => (Severity.Error, $"NFON's sign-in for {name} could not be completed{detail}. Try again, or check the portal's log."),
            "refused" => (Severity.Error, "\"Connect with NFON\" is only for NFON Call History connections managed here, not by configuration."),
            "not-configured" => (Severity.Error,
                "\"Connect with NFON\" needs Portal:Nfon:AuthorizeUrl, Portal:Nfon:TokenUrl and Portal:Nfon:ClientId in the configuration (see the README)."),
            _ => null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync(); // not disposed: a running action may still read its token
        _refresh?.Dispose();
    }
}
