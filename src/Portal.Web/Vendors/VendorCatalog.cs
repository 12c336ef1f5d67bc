using Portal.Sandbox.Vendors.Cinnox;
using Portal.Sandbox.Vendors.NfonCallHistory;
using Portal.Sandbox.Vendors.NfonCti;
using Portal.Sandbox.Vendors.Unpod;
using Portal.Sandbox.Vendors.WebFones;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;

namespace Portal.Web.Vendors;

/// <summary>A credential of a vendor: its name (<see cref="VendorSecrets"/>, also its configuration key), its label, whether it is masked.</summary>
public sealed record SecretField(string Name, string Label, bool Masked = true);

/// <summary>What the portal needs to know to connect to one vendor.</summary>
/// <param name="CredentialSets">Any one complete set of secret names is enough (e.g. an access token, or a refresh token with its token URL and client id).</param>
/// <param name="ProductionBaseUrl">The vendor's own API address from its contract; null where it is per tenant.</param>
/// <param name="SandboxPath">Where the in-process sandbox emulates the vendor.</param>
public sealed record VendorProfile(
    VendorKind Vendor,
    string Label,
    IReadOnlyList<SecretField> Secrets,
    IReadOnlyList<string[]> CredentialSets,
    string? ProductionBaseUrl,
    string SandboxPath,
    bool RequiresTimeZone = false,
    string? CredentialHint = null)
{
    public SecretField? Secret(string name) => Secrets.FirstOrDefault(s => s.Name == name);
}

/// <summary>
/// One table of the five vendors: labels, credentials, required combinations and default addresses. The connection
/// form, the validator, the configuration loader and the sandbox seeding all read it.
/// </summary>
public static class VendorCatalog
{
    public static IReadOnlyList<VendorProfile> All { get; } =
    [
        new(VendorKind.NfonCallHistory, "NFON Call History",
            [
                new(VendorSecrets.AccessToken, "Access token"),
                new(VendorSecrets.RefreshToken, "Refresh token"),
                new(VendorSecrets.TokenUrl, "Token URL", Masked: false),
                new(VendorSecrets.ClientId, "OAuth client id", Masked: false),
            ],
            [[VendorSecrets.AccessToken], [VendorSecrets.RefreshToken, VendorSecrets.TokenUrl, VendorSecrets.ClientId]],
            "https://api.nfon.com/call-history", NfonCallHistorySandbox.BasePath,
            CredentialHint: "Use \"Connect with NFON\", or enter a static access token (or a refresh token with its token URL and client id)."),
        new(VendorKind.NfonCti, "NFON CTI",
            [new(VendorSecrets.Username, "API username", Masked: false), new(VendorSecrets.Password, "API password")],
            [[VendorSecrets.Username, VendorSecrets.Password]],
            "https://providersupportdata.cloud-cfg.com/v1", NfonCtiSandbox.BasePath),
        new(VendorKind.WebFones, "WebFones",
            [new(VendorSecrets.ApiKey, "API key")],
            [[VendorSecrets.ApiKey]],
            "https://api.webfones.com:2343", WebFonesSandbox.BasePath, RequiresTimeZone: true),
        new(VendorKind.Cinnox, "CINNOX",
            [new(VendorSecrets.AppId, "App ID", Masked: false), new(VendorSecrets.AppToken, "App token")],
            [[VendorSecrets.AppId, VendorSecrets.AppToken]],
            null, CinnoxSandbox.BasePath,
            CredentialHint: "The base URL, App ID and App token are shown together in the CINNOX dashboard (Service Integration → API)."),
        new(VendorKind.Unpod, "Unpod",
            [
                new(VendorSecrets.Token, "API token"),
                new(VendorSecrets.OrgHandle, "Org handle", Masked: false),
                new(VendorSecrets.ProductId, "Product ID (optional)", Masked: false),
            ],
            [[VendorSecrets.Token, VendorSecrets.OrgHandle]],
            "https://unpod.dev", UnpodSandbox.BasePath),
    ];

    public static VendorProfile For(VendorKind vendor) => All.First(p => p.Vendor == vendor);

    public static string Label(VendorKind vendor) => All.FirstOrDefault(p => p.Vendor == vendor)?.Label ?? vendor.ToString();

    /// <summary>The sandbox's own address for the vendor when it runs in this host, otherwise the vendor's production address.</summary>
    public static string SuggestedBaseUrl(VendorKind vendor, string? sandboxBaseUri) =>
        sandboxBaseUri is null ? For(vendor).ProductionBaseUrl ?? "" : sandboxBaseUri.TrimEnd('/') + For(vendor).SandboxPath;
}
