namespace Portal.Sandbox.Identity;

/// <summary>A demo account of the development provider.</summary>
public sealed record DevUser(string Username, string Password, string Name, IReadOnlyList<string> Roles, string? Team = null)
{
    public string Subject => "dev-" + Username;

    public string Email => Username + "@portal.example";
}

/// <summary>The demo accounts: the only place they are defined.</summary>
public static class DevUsers
{
    public static IReadOnlyList<DevUser> All { get; } =
    [
        new("admin", "admin", "Alex Admin", ["Admin"]),
        new("supervisor", "supervisor", "Sam Supervisor", ["Supervisor"]),
        new("teamlead", "teamlead", "Taylor Teamlead", ["Supervisor"], Team: "support"),
        new("guest", "guest", "Gale Guest", []),
    ];

    public static DevUser? FindByUsername(string? username) =>
        All.FirstOrDefault(u => string.Equals(u.Username, username?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static DevUser? FindBySubject(string? subject) =>
        All.FirstOrDefault(u => string.Equals(u.Subject, subject, StringComparison.Ordinal));

    public static DevUser? FindByCredentials(string? username, string? password)
    {
        var user = FindByUsername(username);
        return user is not null && string.Equals(user.Password, password, StringComparison.Ordinal) ? user : null;
    }
}
