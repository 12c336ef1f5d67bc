namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>The CINNOX emulator's fixed credentials and limits (README "CINNOX").</summary>
public static class CinnoxSandbox
{
    /// <summary>Base path of the emulator: the connection's base URL is <c>{sandbox}/cinnox</c>.</summary>
    public const string BasePath = "/cinnox";
    public const string AppId = "sandbox-app";
    public const string AppToken = "sandbox-cinnox-token";

    public const int MaxLimit = 500;
    /// <summary>Used when <c>limit</c> is missing or 0 (CINNOX does not document a default).</summary>
    public const int DefaultLimit = 100;

    /// <summary>The SIP trunk / PSTN number the company's calls go through (<c>callPrepareFromNum</c>).</summary>
    public const string TrunkNumber = "+4930901800";
}
