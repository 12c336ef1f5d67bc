namespace Portal.Web.Data.Entities;

/// <summary>Per-user settings that follow the user across browsers.</summary>
public class UserPreference
{
    public required string UserId { get; set; }
    public bool DarkMode { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
