namespace Portal.Web.Data.Entities;

/// <summary>An append-only record of a protected action. Never holds the deleted data itself.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Filter { get; set; }
    public long? RowCount { get; set; }
    public string? Details { get; set; }
    /// <summary>The action was refused (<see cref="Details"/> says why); nothing was done.</summary>
    public bool Refused { get; set; }
}
