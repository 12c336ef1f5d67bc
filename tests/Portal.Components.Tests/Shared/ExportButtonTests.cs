using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using Portal.Web.Components.Shared;

namespace Portal.Components.Tests.Shared;

public class ExportButtonTests : PortalComponentTest
{
    private const string Href = "/exports/calls.xlsx?range=last30days";
    private readonly BrowserDownloads _browser = new();

    public ExportButtonTests() => Services.AddSingleton<IJSRuntime>(_browser);

    private ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    [Fact]
    public async Task Click_WhileDownloading_ShowsEstimatedRowsThenSnackbar()
    {
        var cut = Render<ExportButton>(p => p.Add(b => b.Href, Href));

        // The click's task ends with the download; the test plays the browser meanwhile.
        var click = cut.Find("[data-testid=export-start]").ClickAsync(new());
        Assert.Equal(Href, _browser.Calls.Single(c => c.Identifier == "portal.download").Args![1]);
        Assert.True(cut.Find("[data-testid=export-start]").HasAttribute("disabled"));
        await cut.InvokeAsync(() => cut.Instance.ReportProgress((long)(ExportButton.BytesPerRowEstimate * 2_500), 10_000));

        cut.WaitForAssertion(() => Assert.Equal("About 2,500 of 10,000 rows (317 KB)", cut.Find("[data-testid=export-status]").TextContent));
        Assert.Equal("25", cut.Find("[data-testid=export-progress]").GetAttribute("aria-valuenow"));
        await cut.InvokeAsync(() => _browser.Download.SetResult(new ExportButton.DownloadResult(true, false, null, "calls-20261123-1130.xlsx", 1_300_000)));

        await click;
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=export-progress]")));
        var snackbar = Assert.Single(Snackbar.ShownSnackbars);
        Assert.Equal((Severity.Success, "Saved calls-20261123-1130.xlsx (1.2 MB)."), (snackbar.Severity, snackbar.Message));
    }

    [Fact]
    public async Task Click_ExpectedRowsFromThePage_WinOverTheServersCount()
    {
        var cut = Render<ExportButton>(p => p.Add(b => b.Href, Href).Add(b => b.ExpectedRows, () => Task.FromResult<int?>(1_000)));

        var click = cut.Find("[data-testid=export-start]").ClickAsync(new());
        await cut.InvokeAsync(() => cut.Instance.ReportProgress((long)(ExportButton.BytesPerRowEstimate * 2_000), 10_000));

        cut.WaitForAssertion(() => Assert.StartsWith("About 1,000 of 1,000 rows", cut.Find("[data-testid=export-status]").TextContent));
        Assert.Equal("99", cut.Find("[data-testid=export-progress]").GetAttribute("aria-valuenow"));
        await Finish(cut, click);
    }

    [Fact]
    public async Task Click_NoRowCount_ShowsBytesOnAnIndeterminateBar()
    {
        var cut = Render<ExportButton>(p => p.Add(b => b.Href, "/exports/dashboard.xlsx"));

        var click = cut.Find("[data-testid=export-start]").ClickAsync(new());
        await cut.InvokeAsync(() => cut.Instance.ReportProgress(3 * 1024 * 1024, null));

        cut.WaitForAssertion(() => Assert.Equal("3.0 MB received", cut.Find("[data-testid=export-status]").TextContent));
        Assert.Contains("mud-progress-indeterminate", cut.Find("[data-testid=export-progress]").OuterHtml);
        await Finish(cut, click);
    }

    [Fact]
    public async Task Click_ServerRefuses_ShowsItsMessageAsError()
    {
        _browser.Download.SetResult(new ExportButton.DownloadResult(false, false, "Only supervisors and administrators may export calls.", null, 0));
        var cut = Render<ExportButton>(p => p.Add(b => b.Href, Href));

        await cut.Find("[data-testid=export-start]").ClickAsync(new());

        var snackbar = Assert.Single(Snackbar.ShownSnackbars);
        Assert.Equal((Severity.Error, "Only supervisors and administrators may export calls."), (snackbar.Severity, snackbar.Message));
        Assert.False(cut.Find("[data-testid=export-start]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Cancel_WhileDownloading_AbortsInTheBrowserWithoutError()
    {
        var cut = Render<ExportButton>(p => p.Add(b => b.Href, Href));
        var click = cut.Find("[data-testid=export-start]").ClickAsync(new());

        await cut.Find("[data-testid=export-cancel]").ClickAsync(new());
        await cut.InvokeAsync(() => _browser.Download.SetResult(new ExportButton.DownloadResult(false, true, "Export cancelled.", null, 0)));
        await click;

        var id = _browser.Calls.Single(c => c.Identifier == "portal.download").Args![0];
        Assert.Equal(id, _browser.Calls.Single(c => c.Identifier == "portal.cancelDownload").Args![0]);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=export-cancel]")));
        Assert.Empty(Snackbar.ShownSnackbars);
    }

    /// <summary>Ends the pending download, so the test does not leave a click handler waiting.</summary>
    private async Task Finish(IRenderedComponent<ExportButton> cut, Task click)
    {
        await cut.InvokeAsync(() => _browser.Download.TrySetResult(new ExportButton.DownloadResult(true, false, null, "x.xlsx", 1)));
        await click;
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=export-progress]")));
    }

    /// <summary>The browser side: portal.download answers when the test says so; every other call returns at once.</summary>
    private sealed class BrowserDownloads : IJSRuntime
    {
        public TaskCompletionSource<ExportButton.DownloadResult> Download { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<(string Identifier, object?[]? Args)> Calls { get; } = [];

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Calls.Add((identifier, args));
            return identifier == "portal.download"
                ? new ValueTask<TValue>(Download.Task.ContinueWith(t => (TValue)(object)t.Result, TaskScheduler.Default))
                : ValueTask.FromResult(default(TValue)!);
        }
    }
}
