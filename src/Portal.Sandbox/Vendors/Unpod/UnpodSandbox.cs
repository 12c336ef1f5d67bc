using Portal.Sandbox.Company;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>The Unpod emulator's fixed credentials and limits (README "Unpod").</summary>
public static class UnpodSandbox
{
    /// <summary>Base path of the emulator: the connection's base URL is <c>{sandbox}/unpod</c>.</summary>
    public const string BasePath = "/unpod";
    public const string Token = "sandbox-unpod-token";
    public const string OrgHandle = "sandbox-org";
    /// <summary>The product whose calls the emulator holds (its Product-Id header; see <see cref="UnpodEmulatorOptions.RequireProductId"/>).</summary>
    public const string ProductId = "sandbox-product";
    public const string OrgName = "Sandbox Company";

    public const int DefaultPageSize = 20;
    /// <summary>Unpod documents no maximum; the emulator refuses larger pages with a 400.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The organisation's own number for an extension (Unpod has no extensions, only numbers).</summary>
    public static string LineNumber(SandboxExtension extension) => "+4930901820" + extension.Number;
}

/// <summary>Configuration "Sandbox:Unpod": how close to the open-source Unpod server the emulator behaves.</summary>
public sealed class UnpodEmulatorOptions
{
    public const string Section = "Sandbox:Unpod";

    /// <summary>
    /// Whether call logs need a Product-Id header, as the open-source server does (400 without it; a product other than
    /// <see cref="UnpodSandbox.ProductId"/> has no calls). Off by default: the documented API has no such header.
    /// </summary>
    public bool RequireProductId { get; set; }
}
