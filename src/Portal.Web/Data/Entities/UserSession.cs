namespace Portal.Web.Data.Entities;

/// <summary>
/// One sign-in: the server's record of a session cookie, so that a session ended here (sign-out, a refused token
/// refresh) ends for every request and every open circuit, which never sees a cookie again.
/// </summary>
public class UserSession
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    /// <summary>Why it ended, in words (<see cref="Auth.SessionEndReasons"/>).</summary>
    public string? EndReason { get; set; }
    /// <summary>The provider's refresh token, encrypted with Data Protection; kept here, not in the cookie, so that
    /// requests and circuits refresh with the same, current one.</summary>
    public string? ProtectedRefreshToken { get; set; }
    /// <summary>When the provider's access token expires: the session is checked with the provider from then on.</summary>
    public DateTime? AccessTokenExpiresAtUtc { get; set; }
}
