namespace Portal.Web.Data.Entities;

/// <summary>What a legal hold covers.</summary>
public enum LegalHoldKind
{
    /// <summary>Every call of one connection.</summary>
    Connection = 1,
    /// <summary>Every call whose extension is one of the team's extension numbers (read when a delete runs, as the call scope reads teams).</summary>
    Team = 2,
    /// <summary>Every call of one phone number: its external number, the number as the vendor sent it, or a diversion leg.</summary>
    Number = 3,
}

/// <summary>
/// A legal hold: while it is not released, no purge, wizard delete or erasure deletes a call it covers. Placed and released
/// by administrators; the row stays after its release, as the record of who held what and why.
/// </summary>
public class LegalHold
{
    public long Id { get; set; }
    public LegalHoldKind Kind { get; set; }
    /// <summary>For <see cref="LegalHoldKind.Connection"/>.</summary>
    public int? ConnectionId { get; set; }
    /// <summary>For <see cref="LegalHoldKind.Team"/>.</summary>
    public int? TeamId { get; set; }
    /// <summary>For <see cref="LegalHoldKind.Number"/>: the number in E.164.</summary>
    public string? Number { get; set; }
    /// <summary>What is held, in words, as it was named when the hold was placed (the connection's or team's name, the number).</summary>
    public required string TargetName { get; set; }
    public required string Reason { get; set; }
    public required string PlacedByUserId { get; set; }
    public string? PlacedByName { get; set; }
    public DateTime PlacedAtUtc { get; set; }
    /// <summary>Set when released: a released hold no longer blocks anything.</summary>
    public DateTime? ReleasedAtUtc { get; set; }
    public string? ReleasedByUserId { get; set; }
    public string? ReleasedByName { get; set; }
}
