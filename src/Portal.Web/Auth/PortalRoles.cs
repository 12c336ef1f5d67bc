namespace Portal.Web.Auth;

public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
}

public static class PortalPolicies
{
    /// <summary>Administrators only: connections, retention, audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>Anyone with a portal role (Admin or Supervisor): dashboards, calls, exports.</summary>
    public const string Viewer = "Viewer";
}
