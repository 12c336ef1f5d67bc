using Microsoft.AspNetCore.Components;
using Bunit.Rendering;
using MudBlazor;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Vendors;
using Portal.Web.Features.Connections;

namespace Portal.Components.Tests.Connections;

public class ConnectionFormTests : PortalComponentTest
{
    private static ConnectionDraft ValidWebFones() => new()
    {
        Vendor = VendorKind.WebFones,
        Name = "WebFones New York",
        BaseUrl = "https://api.webfones.com:2343",
        PhoneRegion = "US",
        TimeZone = "America/New_York",
        Secrets = { [VendorSecrets.ApiKey] = "key" },
    };

    [Fact]
    public async Task Validate_CompleteDraft_ShowsNoErrors()
    {
        var (host, form) = RenderForm(ValidWebFones());

        Assert.True(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Empty(host.FindAll(".mud-input-error"));
    }

    [Theory]
    [InlineData("Name", "", "Name is required.")]
    [InlineData("BaseUrl", "api.webfones.com", "Base URL must be an absolute http or https address")]
    [InlineData("BaseUrl", "ftp://api.webfones.com", "Base URL must be an absolute http or https address")]
    [InlineData("PhoneRegion", "XX", "\"XX\" is not a phone region")]
    [InlineData("TimeZone", "Mars/Olympus", "\"Mars/Olympus\" is not a known IANA time zone")]
    [InlineData("TimeZone", "", "WebFones sends times without a zone: enter the account's time zone")]
    public async Task Validate_BadSetting_ShowsItsMessage(string field, string value, string message)
    {
        var draft = ValidWebFones();
        typeof(ConnectionDraft).GetProperty(field)!.SetValue(draft, value);
        var (host, form) = RenderForm(draft);

        Assert.False(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Contains(ErrorTexts(host), error => error.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_DuplicateName_SaysItIsTaken()
    {
        var (host, form) = RenderForm(ValidWebFones(), takenNames: ["webfones new york"]);

        Assert.False(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Contains("Another connection is already called \"WebFones New York\".", ErrorTexts(host));
    }

    [Theory]
    [InlineData(VendorKind.NfonCti, "API username is required.", "API password is required.")]
    [InlineData(VendorKind.WebFones, "API key is required.", null)]
    [InlineData(VendorKind.Cinnox, "App ID is required.", "App token is required.")]
    [InlineData(VendorKind.Unpod, "API token is required.", "Org handle is required.")]
    [InlineData(VendorKind.NfonCallHistory, "Access token is required.", null)]
    public async Task Validate_MissingVendorSecrets_MarksEachMissingField(VendorKind vendor, string first, string? second)
    {
        var draft = ValidWebFones();
        draft.Vendor = vendor;
        draft.Secrets.Clear();
        var (host, form) = RenderForm(draft);

        Assert.False(await host.InvokeAsync(form.Instance.ValidateAsync));
        var errors = ErrorTexts(host);
        Assert.Contains(errors, e => e.StartsWith(first, StringComparison.Ordinal));
        Assert.Equal(second is null ? 1 : 2, errors.Count);
        Assert.True(second is null || errors.Contains(second), string.Join(" | ", errors));
    }

    [Fact]
    public async Task Validate_NfonRefreshTokenWithoutTokenUrl_AsksForTheRestOfThatSet()
    {
        var draft = ValidWebFones();
        draft.Vendor = VendorKind.NfonCallHistory;
        draft.Secrets.Clear();
        draft.Secrets[VendorSecrets.RefreshToken] = "refresh";
        var (host, form) = RenderForm(draft);

        Assert.False(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Equal(["OAuth client id is required.", "Token URL is required."], ErrorTexts(host).Order());
    }

    [Fact]
    public async Task Edit_StoredSecretLeftEmpty_IsValidAndSaysStored()
    {
        var draft = ValidWebFones();
        draft.Secrets.Clear();
        var (host, form) = RenderForm(draft, storedSecrets: new HashSet<string> { VendorSecrets.ApiKey }, isNew: false);

        Assert.True(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Contains("Stored — leave empty to keep", host.Markup);
        Assert.NotNull(host.Find("input[data-testid=secret-ApiKey][type=password]"));
        Assert.NotNull(host.Find("[data-testid=vendor] input[disabled], .mud-disabled"));
    }

    [Fact]
    public async Task Edit_BaseUrlOnAnotherHost_SaysWhyAndAsksForEveryCredential()
    {
        var draft = ValidWebFones();
        draft.Secrets.Clear();
        var (host, form) = RenderForm(draft, storedSecrets: new HashSet<string> { VendorSecrets.ApiKey }, isNew: false, storedBaseUrl: draft.BaseUrl);
        Assert.Empty(host.FindAll("[data-testid=origin-changed]"));

        host.Find("input[data-testid=base-url]").Change("https://collector.example:2343");

        host.WaitForAssertion(() => Assert.Equal(ConnectionOrigin.ChangedReason, host.Find("[data-testid=origin-changed]").TextContent.Trim()));
        Assert.DoesNotContain("Stored — leave empty to keep", host.Markup);
        Assert.False(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Contains($"API key is required. {ConnectionOrigin.ChangedReason}", ErrorTexts(host));
    }

    [Theory]
    [InlineData("https://api.webfones.com:2343/v3")]
    [InlineData("HTTPS://API.WEBFONES.COM:2343")]
    public async Task Edit_BaseUrlOnTheSameOrigin_KeepsTheStoredCredentials(string baseUrl)
    {
        var draft = ValidWebFones();
        draft.Secrets.Clear();
        var (host, form) = RenderForm(draft, storedSecrets: new HashSet<string> { VendorSecrets.ApiKey }, isNew: false, storedBaseUrl: draft.BaseUrl);

        host.Find("input[data-testid=base-url]").Change(baseUrl);

        Assert.True(await host.InvokeAsync(form.Instance.ValidateAsync));
        Assert.Empty(host.FindAll("[data-testid=origin-changed]"));
        Assert.Contains("Stored — leave empty to keep", host.Markup);
    }

    [Fact]
    public void Typing_EmptyName_ShowsErrorAtOnce()
    {
        var (host, _) = RenderForm(ValidWebFones());

        host.Find("input[data-testid=name]").Change("");

        host.WaitForAssertion(() => Assert.Contains("Name is required.", ErrorTexts(host)));
    }

    [Fact]
    public async Task ChoosingVendor_WithSandbox_SuggestsSandboxUrlAndShowsItsSecrets()
    {
        var draft = new ConnectionDraft();
        var (host, form) = RenderForm(draft, sandboxBaseUri: "http://localhost:5000/");

        await host.InvokeAsync(() => host.FindComponent<MudSelect<VendorKind?>>().Instance.SelectOption(VendorKind.Unpod));

        Assert.Equal("http://localhost:5000/unpod", draft.BaseUrl);
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=secret-OrgHandle]")));
    }

    private (IRenderedComponent<ContainerFragment> Host, IRenderedComponent<ConnectionForm> Form) RenderForm(ConnectionDraft draft,
        IReadOnlyCollection<string>? takenNames = null, IReadOnlySet<string>? storedSecrets = null, bool isNew = true, string? sandboxBaseUri = null,
        string? storedBaseUrl = null)
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ConnectionForm>(1);
            builder.AddComponentParameter(2, nameof(ConnectionForm.Draft), draft);
            builder.AddComponentParameter(3, nameof(ConnectionForm.TakenNames), takenNames ?? []);
            builder.AddComponentParameter(4, nameof(ConnectionForm.StoredSecretNames), storedSecrets ?? new HashSet<string>());
            builder.AddComponentParameter(5, nameof(ConnectionForm.IsNew), isNew);
            builder.AddComponentParameter(6, nameof(ConnectionForm.SandboxBaseUri), sandboxBaseUri);
            builder.AddComponentParameter(7, nameof(ConnectionForm.StoredBaseUrl), storedBaseUrl);
            builder.CloseComponent();
        });
        return (host, host.FindComponent<ConnectionForm>());
    }

    private static List<string> ErrorTexts(IRenderedComponent<ContainerFragment> host) =>
        host.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
}
