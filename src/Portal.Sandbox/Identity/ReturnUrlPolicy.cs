using Microsoft.AspNetCore.Http;

namespace Portal.Sandbox.Identity;

/// <summary>Open-redirect protection: after sign-in the login form only goes back to this provider's
/// authorization endpoint.</summary>
internal static class ReturnUrlPolicy
{
    public static bool IsAllowed(string? returnUrl, PathString pathBase)
    {
        var prefix = pathBase.Add(DevIdentityDefaults.AuthorizePath).Value!;
        return returnUrl is not null
            && returnUrl.StartsWith(prefix, StringComparison.Ordinal)
            && (returnUrl.Length == prefix.Length || returnUrl[prefix.Length] == '?')
            && !returnUrl.Contains('\\') && !returnUrl.Any(char.IsControl);
    }
}
