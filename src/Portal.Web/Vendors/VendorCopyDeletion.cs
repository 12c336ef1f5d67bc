using Portal.Telephony.Calls;

namespace Portal.Web.Vendors;

/// <summary>Whether the vendor's own copy of a call can be deleted through its API, and what to do when it cannot.</summary>
/// <param name="PortalDeletes">True when the portal deletes the vendor's copy itself, by explicit ids.</param>
/// <param name="Advice">In words: what the portal does at the vendor, or what the administrator must do there.</param>
public sealed record VendorCopyDeletionAdvice(VendorKind Vendor, bool PortalDeletes, string Advice);

/// <summary>
/// What each vendor's API allows for deleting its copy of a call (from the contracts in vendor-apis/): only NFON Call History
/// has a delete (<c>DELETE /records/{uuid}</c>, or the bulk <c>DELETE /records</c> with explicit ids); the others document none,
/// so a delete in the portal leaves the vendor's copy, and the administrator must ask the vendor.
/// </summary>
public static class VendorCopyDeletion
{
    public static VendorCopyDeletionAdvice For(VendorKind vendor) => vendor switch
    {
        VendorKind.NfonCallHistory => new(vendor, true,
            "The portal deletes NFON's copy too, by each call's id (DELETE /records/{uuid}; a bulk delete only ever with explicit ids), and lists any id NFON refuses for a retry."),
        VendorKind.NfonCti => new(vendor, false,
            "The NFON CTI API keeps no call records to delete: its calls are live events (its DELETE only ends a live call). NFON's call history is deleted through an NFON Call History connection, or ask NFON support."),
        VendorKind.WebFones => new(vendor, false,
            "The WebFones Call Log Access API has no delete. Ask your WebFones administrator or WebFones support to delete these records (and recordings) on their side."),
        VendorKind.Cinnox => new(vendor, false,
            "The CINNOX call-detail API has no delete. Delete the records in the CINNOX Web Dashboard where your plan allows it, or ask CINNOX support."),
        VendorKind.Unpod => new(vendor, false,
            "The Unpod call-logs API has no delete. Ask an admin of your Unpod organisation or Unpod support to delete these call logs."),
        _ => new(vendor, false, "This vendor's API offers no delete: ask the vendor to delete its copy."),
    };
}
