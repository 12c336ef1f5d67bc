using Portal.Sandbox.Company;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>The Unpod emulator's fixed credentials and limits (README "Unpod").</summary>
public static class UnpodSandbox
{
    /// <summary>Base path of the emulator: the connection's base URL is <c>{sandbox}/unpod</c>.</summary>
    public const string BasePath = "/unpod";
    public const string Token = "sandbox-unpod-token";
    public const string OrgHandle = "sandbox-org";
    public const string OrgName = "Sandbox Company";

    public const int DefaultPageSize = 20;
    /// <summary>Unpod documents no maximum; the emulator refuses larger pages with a 400.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The organisation's own number for an extension (Unpod has no extensions, only numbers).</summary>
    public static string LineNumber(SandboxExtension extension) => "+4930901820" + extension.Number;
}
