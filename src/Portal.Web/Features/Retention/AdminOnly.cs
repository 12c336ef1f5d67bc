using Portal.Web.Audit;
using Portal.Web.Auth;

namespace Portal.Web.Features.Retention;

/// <summary>A retention setting change the rules refuse (bad input, a released hold released again); the message says why.</summary>
public sealed class RetentionRefusedException(string message) : Exception(message);

/// <summary>
/// Runs a retention action for an administrator only (deletion jobs, legal holds, retention policies). A refusal — not an
/// administrator, a <see cref="RetentionRefusedException"/> or a <see cref="DeletionJobRefusedException"/> — goes to the security
/// log; a refused change also to the audit log, marked refused.
/// </summary>
internal static class AdminOnly
{
    public static async Task<T> RunAsync<T>(AuditLog audit, SecurityLog security, PortalUser user, string action, string target, bool change,
        string what, Func<Task<T>> body)
    {
        try
        {
            if (!user.IsAdmin)
            {
                throw new UnauthorizedAccessException($"Only administrators may manage {what}.");
            }
            return await body();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or RetentionRefusedException or DeletionJobRefusedException)
        {
            if (change)
            {
                await audit.RefusedAsync(user, action, target, ex.Message);
            }
            else
            {
                security.Refused(user, action, target, ex.Message);
            }
            throw;
        }
    }
}
