using Portal.Sandbox.Company;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>The fixed facts of the NFON CTI emulator: where it lives and the one API user it knows.</summary>
public static class NfonCtiSandbox
{
    /// <summary>Base path of the emulated API (the vendor's <c>https://providersupportdata.cloud-cfg.com/v1</c>).</summary>
    public const string BasePath = "/nfon-cti/v1";

    public const string Username = "sandbox";
    public const string Password = "sandbox";

    /// <summary>The K-Account the API user belongs to.</summary>
    public const string Tenant = SandboxCompany.Tenant;

    /// <summary>The path pattern of a call uuid, as the vendor checks it on DELETE.</summary>
    public const string CallUuidPattern = @"^\w{8}-\w{4}-\w{4}-\w{4}-\w{12}$";
}
