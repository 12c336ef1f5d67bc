using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Sandbox.Vendors.NfonCallHistory;

/// <summary>
/// "Login with NFON" (authorization code + PKCE S256). The sandbox approves at once: the authorize endpoint
/// redirects straight back with a code. Errors follow RFC 6749: <c>{"error": "...", "error_description": "..."}</c>.
/// </summary>
internal static class NfonOAuthEndpoints
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IResult Authorize(HttpRequest request, NfonOAuthServer server)
    {
        var query = request.Query;
        if (query["client_id"] != NfonCallHistorySandbox.ClientId)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_client", $"Unknown client_id; the sandbox client is '{NfonCallHistorySandbox.ClientId}'.");
        }
        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri, request))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request",
                "redirect_uri must be an absolute http(s) URI without fragment on a loopback host or on this server's host.");
        }
        if (query["response_type"] != "code")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_response_type", "Only response_type=code is supported.");
        }
        var challenge = query["code_challenge"].ToString();
        if (challenge.Length < 43 || query["code_challenge_method"] != "S256")
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256.");
        }

        var code = server.IssueCode(redirectUri, challenge);
        var parameters = new Dictionary<string, string?> { ["code"] = code };
        if (query["state"].ToString() is { Length: > 0 } state)
        {
            parameters["state"] = state;
        }
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    public static async Task<IResult> TokenAsync(HttpRequest request, NfonOAuthServer server)
    {
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["client_id"] != NfonCallHistorySandbox.ClientId)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", $"Unknown client_id; the sandbox client is '{NfonCallHistorySandbox.ClientId}'.");
        }

        var outcome = form["grant_type"].ToString() switch
        {
            "authorization_code" when form["code"].ToString() is { Length: > 0 } code =>
                server.RedeemCode(code, form["redirect_uri"], form["code_verifier"]),
            "refresh_token" when form["refresh_token"].ToString() is { Length: > 0 } refreshToken =>
                server.Refresh(refreshToken),
            "authorization_code" or "refresh_token" =>
                OAuthOutcome.Fail("invalid_request", "code or refresh_token is missing."),
            _ => OAuthOutcome.Fail("unsupported_grant_type", "Only authorization_code and refresh_token are supported."),
        };
        if (outcome.Tokens is null)
        {
            return Error(StatusCodes.Status400BadRequest, outcome.Error!, outcome.Description!);
        }
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(outcome.Tokens);
    }

    private static bool IsAllowedRedirect(string value, HttpRequest request) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && (LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            || string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
