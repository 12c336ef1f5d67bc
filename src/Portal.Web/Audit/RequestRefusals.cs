using Portal.Web.Auth;

namespace Portal.Web.Audit;

/// <summary>Endpoint metadata: the endpoint performs a protected action; a refusal of it is also written to the audit log, marked refused.</summary>
public sealed record AuditedAction(string Action);

/// <summary>
/// A refused HTTP request: written to the audit log (and the security log) when its endpoint is an <see cref="AuditedAction"/>,
/// otherwise to the security log. The target is the method and path (the query may hold a filter; the audit entry of a done
/// export has it, a refusal does not need it).
/// </summary>
public sealed class RequestRefusals(AuditLog audit, SecurityLog security, PortalAuthenticationOptions authOptions)
{
    public Task LogAsync(HttpContext http, string reason)
    {
        var user = PortalUser.From(http.User, authOptions);
        var target = $"{http.Request.Method} {http.Request.Path}";
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAction>() is { } audited)
        {
            return audit.RefusedAsync(user, audited.Action, target, reason);
        }
        security.Refused(user, "request", target, reason);
        return Task.CompletedTask;
    }
}
