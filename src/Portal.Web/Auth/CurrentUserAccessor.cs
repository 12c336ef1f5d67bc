using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Web.Auth;

/// <summary>The signed-in user of the current circuit or request, for services that act on their behalf.</summary>
public sealed class CurrentUserAccessor(AuthenticationStateProvider authenticationState, PortalAuthenticationOptions options)
{
    public async Task<PortalUser> GetAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return PortalUser.From(state.User, options);
    }
}
