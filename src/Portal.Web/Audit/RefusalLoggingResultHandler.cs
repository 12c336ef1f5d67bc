using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Portal.Web.Audit;

/// <summary>
/// Every request the authorization middleware forbids (a signed-in user without the role) is written to the security log, and
/// to the audit log when the endpoint is an <see cref="AuditedAction"/>; then the refusal is answered as before: by the handler
/// registered under <see cref="AnswerKey"/> (the exports' status codes for scripts), else by the framework's default handler.
/// A request that is not signed in is challenged (sent to sign in), not refused: that is not logged here.
/// </summary>
public sealed class RefusalLoggingResultHandler(RequestRefusals refusals, IAuthorizationMiddlewareResultHandler? answer) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The service key of the handler that answers refusals instead of the default one.</summary>
    public const string AnswerKey = "Portal.Authorization.Answer";

    private readonly IAuthorizationMiddlewareResultHandler _answer = answer ?? new AuthorizationMiddlewareResultHandler();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden) // signed in, without the role
        {
            await refusals.LogAsync(context, Reason(authorizeResult.AuthorizationFailure));
        }
        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>What the user lacked, in words (role names, never a claim value).</summary>
    private static string Reason(AuthorizationFailure? failure)
    {
        var lacking = failure?.FailedRequirements.Select(requirement => requirement switch
        {
            RolesAuthorizationRequirement roles => $"one of the roles {string.Join(", ", roles.AllowedRoles)}",
            DenyAnonymousAuthorizationRequirement => "a signed-in user",
            _ => requirement.GetType().Name,
        }).ToList();
        return lacking is { Count: > 0 } ? "requires " + string.Join(" and ", lacking) : "not authorized";
    }
}
