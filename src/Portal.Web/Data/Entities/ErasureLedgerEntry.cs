namespace Portal.Web.Data.Entities;

/// <summary>
/// One erased number of an erasure request, kept so that calls of that number from the request's range are refused by every
/// later ingest, on any connection of any vendor. Holds no number: <see cref="NumberHash"/> is an HMAC-SHA256 of the E.164
/// number keyed with the installation's salt (<see cref="PortalSecret"/>, see <c>Data/CallStore/ErasureLedger</c>).
/// </summary>
public class ErasureLedgerEntry
{
    public long Id { get; set; }
    /// <summary>Lower-case hex of HMAC-SHA256(salt, E.164 number).</summary>
    public required string NumberHash { get; set; }
    /// <summary>Calls that started at or after this time are covered; null: from the beginning.</summary>
    public DateTime? FromUtc { get; set; }
    /// <summary>Calls that started before this time are covered: the request's time, or its range's end when earlier.</summary>
    public DateTime ToUtc { get; set; }
    /// <summary>The deletion job (or request) that wrote the entry, when there is one.</summary>
    public long? Reference { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A per-installation secret, stored encrypted with ASP.NET Core Data Protection (whose keys the certificate protects).</summary>
public class PortalSecret
{
    public required string Name { get; set; }
    /// <summary>The secret's bytes protected by Data Protection, base64.</summary>
    public required string ProtectedValue { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
