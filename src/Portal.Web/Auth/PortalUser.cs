using System.Security.Claims;

namespace Portal.Web.Auth;

/// <summary>The signed-in user as the portal sees it: who, which roles, limited to which teams.</summary>
public sealed record PortalUser(string Id, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams)
{
    public bool IsAdmin => Roles.Contains(PortalRoles.Admin);
    public bool IsViewer => IsAdmin || Roles.Contains(PortalRoles.Supervisor);
    /// <summary>Limited to <see cref="Teams"/>; administrators never are.</summary>
    public bool IsTeamLimited => !IsAdmin && Teams.Count > 0;
    public string RoleLabel => IsAdmin ? PortalRoles.Admin : Roles.Contains(PortalRoles.Supervisor) ? PortalRoles.Supervisor : "No role";

    public static PortalUser From(ClaimsPrincipal principal, PortalAuthenticationOptions options)
    {
        var id = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
        var name = principal.FindFirst(options.NameClaim)?.Value
            ?? principal.FindFirst("preferred_username")?.Value
            ?? principal.Identity?.Name
            ?? id;
        var roles = principal.FindAll(options.RoleClaim).Select(c => c.Value).Distinct().ToList();
        var teams = principal.FindAll(options.TeamClaim).Select(c => c.Value).Distinct().ToList();
        return new PortalUser(id, name, roles, teams);
    }
}
