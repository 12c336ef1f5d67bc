namespace Portal.Telephony.Calls;

/// <summary>The vendor APIs the portal can connect to.</summary>
public enum VendorKind
{
    NfonCallHistory = 1,
    NfonCti = 2,
    WebFones = 3,
    Cinnox = 4,
    Unpod = 5,
}
