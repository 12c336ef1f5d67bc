namespace Portal.Web.Data.Entities;

/// <summary>An internal phone extension of the company.</summary>
public class Extension
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    /// <summary>The connection whose directory it came from, if any.</summary>
    public int? SourceConnectionId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAtUtc { get; set; }
    public List<Team> Teams { get; set; } = [];
}

/// <summary>A group of extensions; a supervisor may be limited to some teams.</summary>
public class Team
{
    public int Id { get; set; }
    /// <summary>Stable key, matched against the user's team claim.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public List<Extension> Extensions { get; set; } = [];
}
