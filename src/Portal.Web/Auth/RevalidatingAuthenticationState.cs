using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Portal.Web.Auth;

/// <summary>
/// An open circuit never sees the cookie again, so every <see cref="PortalAuthenticationOptions.RevalidationInterval"/>
/// it asks the session's row instead. Once the session has ended (signed out, or a refresh refused by the provider,
/// including the refresh this check makes itself once the access token has expired) the circuit's user becomes
/// anonymous and the page shows the sign-in. A refresh that changes the user's roles or teams also ends the
/// circuit's access, so that the next page load picks up the new ones.
/// </summary>
internal sealed class RevalidatingAuthenticationState(ILoggerFactory loggers, UserSessions sessions, PortalAuthenticationOptions options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (UserSessions.IdOf(authenticationState.User) is not { } sessionId)
        {
            return false;
        }

        var check = await sessions.CheckAsync(sessionId, refreshAhead: TimeSpan.Zero, cancellationToken);
        return check.Status switch
        {
            SessionStatus.Active => true,
            SessionStatus.Refreshed => SameAccess(PortalUser.From(authenticationState.User, options), PortalUser.From(check.Tokens!.Principal, options)),
            _ => false,
        };
    }

    private static bool SameAccess(PortalUser before, PortalUser after) =>
        before.Roles.Order(StringComparer.Ordinal).SequenceEqual(after.Roles.Order(StringComparer.Ordinal))
        && before.Teams.Order(StringComparer.Ordinal).SequenceEqual(after.Teams.Order(StringComparer.Ordinal));
}
