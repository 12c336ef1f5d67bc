using Portal.Telephony.Calls;

namespace Portal.Sandbox.Traffic;

/// <summary>What one vendor's generated traffic looks like (its emulator supplies it).</summary>
/// <param name="Vendor">Whose traffic.</param>
/// <param name="TimeZone">IANA zone of the business hours.</param>
/// <param name="ExternalRegion">Region most external numbers come from (ISO 3166), e.g. "DE"; "US" for a NANP account.</param>
/// <param name="InternalCalls">Whether extension-to-extension calls appear.</param>
/// <param name="Diversions">Whether ring-group and transfer legs appear.</param>
/// <param name="Transcripts">Whether some answered calls carry a transcript and summary.</param>
/// <param name="Recordings">Whether some answered calls have a recording.</param>
public sealed record TrafficProfile(
    VendorKind Vendor,
    string TimeZone = "Europe/Berlin",
    string ExternalRegion = "DE",
    bool InternalCalls = false,
    bool Diversions = false,
    bool Transcripts = false,
    bool Recordings = false);
