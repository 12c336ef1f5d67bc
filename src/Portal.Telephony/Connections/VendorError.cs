using Portal.Telephony.Calls;

namespace Portal.Telephony.Connections;

/// <summary>What went wrong talking to a vendor, in words a person can act on.</summary>
public sealed record VendorError(VendorKind Vendor, VendorErrorKind Kind, string Message, int? StatusCode = null)
{
    /// <summary>The connection may work, but something looks wrong (a connection test shows it as a warning, not an error).</summary>
    public bool IsWarning => Kind == VendorErrorKind.NoData;

    public override string ToString() => Message;
}

public enum VendorErrorKind
{
    /// <summary>The connection's settings are incomplete or wrong (no API key, bad URL).</summary>
    Configuration,
    /// <summary>The vendor refused the credentials (401/403, invalid token).</summary>
    Authentication,
    /// <summary>The vendor asked us to slow down and kept doing so after waiting.</summary>
    RateLimited,
    /// <summary>The vendor failed or could not be reached (5xx, timeouts, network), also after retries.</summary>
    Unavailable,
    /// <summary>The vendor rejected the request (400, 404).</summary>
    Rejected,
    /// <summary>The vendor's answer could not be read at all (not a single record, the whole response).</summary>
    MalformedResponse,
    /// <summary>
    /// The vendor accepted the request but has nothing for these settings, which often means a wrong account (Unpod answers an
    /// unknown organisation handle with no calls): a warning, not a failure (<see cref="VendorError.IsWarning"/>).
    /// </summary>
    NoData,
}

/// <summary>Carries a <see cref="VendorError"/> out of an adapter.</summary>
public sealed class VendorException(VendorError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public VendorError Error { get; } = error;
}
