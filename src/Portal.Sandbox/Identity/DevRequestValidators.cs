using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Portal.Sandbox.Identity;

// Degraded mode (no application store) skips OpenIddict's own client checks: these handlers do them.

/// <summary>Authorization requests: the known client_id and an allowed redirect_uri.</summary>
internal sealed class ValidateDevAuthorizationRequest(IOptionsMonitor<SandboxOptions> options)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var identity = options.CurrentValue.Identity;
        if (!string.Equals(context.ClientId, identity.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, $"The client_id '{context.ClientId}' is not known to this provider.");
        }
        else if (!DevRedirectUriPolicy.IsAllowed(
            context.RedirectUri, DevIdentityDefaults.RedirectPath, context.Transaction.GetHttpRequest()!, identity))
        {
            context.Reject(Errors.InvalidRequest,
                DevRedirectUriPolicy.Explain(Parameters.RedirectUri, context.RedirectUri, DevIdentityDefaults.RedirectPath));
        }

        return default;
    }
}

/// <summary>Token requests: the known client_id with its client_secret.</summary>
internal sealed class ValidateDevTokenRequest(IOptionsMonitor<SandboxOptions> options)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var identity = options.CurrentValue.Identity;
        if (!string.Equals(context.ClientId, identity.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, $"The client_id '{context.ClientId}' is not known to this provider.");
        }
        else if (!CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(context.ClientSecret ?? ""), Encoding.UTF8.GetBytes(identity.ClientSecret)))
        {
            context.Reject(Errors.InvalidClient, "The client_secret is missing or wrong.");
        }

        return default;
    }
}

/// <summary>End-session requests: an allowed post_logout_redirect_uri (and the known client_id, if one is sent).</summary>
internal sealed class ValidateDevEndSessionRequest(IOptionsMonitor<SandboxOptions> options)
    : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        var identity = options.CurrentValue.Identity;
        if (context.ClientId is not null && !string.Equals(context.ClientId, identity.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, $"The client_id '{context.ClientId}' is not known to this provider.");
        }
        else if (context.PostLogoutRedirectUri is not null && !DevRedirectUriPolicy.IsAllowed(
            context.PostLogoutRedirectUri, DevIdentityDefaults.PostLogoutRedirectPath,
            context.Transaction.GetHttpRequest()!, identity))
        {
            context.Reject(Errors.InvalidRequest, DevRedirectUriPolicy.Explain(
                Parameters.PostLogoutRedirectUri, context.PostLogoutRedirectUri, DevIdentityDefaults.PostLogoutRedirectPath));
        }

        return default;
    }
}
