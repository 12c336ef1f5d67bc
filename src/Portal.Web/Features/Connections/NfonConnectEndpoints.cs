using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Telephony.Connections;
using Portal.Web.Auth;
using Portal.Web.Audit;

namespace Portal.Web.Features.Connections;

/// <summary>
/// "Connect with NFON" for an NFON Call History connection: OAuth 2.0 authorization code + PKCE (S256) in the browser.
/// The state is data-protected and short-lived, and carries the connection, the PKCE verifier and the user; the
/// callback redeems the code and stores the refresh token (encrypted). Administrators only.
/// </summary>
public static partial class NfonConnectEndpoints
{
    public const string CallbackPath = "/connections/nfon/callback";
    public const string TokenHttpClient = "nfon-oauth";
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private const string StatePurpose = "Portal.Connections.NfonConnect.v1";

    public static string ConnectPath(int connectionId) => $"/connections/{connectionId}/nfon/connect";

    internal static IEndpointRouteBuilder MapNfonConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var audited = new AuditedAction(ConnectionService.NfonConnectAction);
        endpoints.MapGet("/connections/{id:int}/nfon/connect", ConnectAsync).RequireAuthorization(PortalPolicies.Admin).WithMetadata(audited);
        endpoints.MapGet(CallbackPath, CallbackAsync).RequireAuthorization(PortalPolicies.Admin).WithMetadata(audited);
        return endpoints;
    }

    private static async Task<IResult> ConnectAsync(int id, HttpContext http, ConnectionService connections, IOptions<NfonOAuthOptions> options,
        IDataProtectionProvider protection, PortalAuthenticationOptions authOptions, TimeProvider clock)
    {
        var user = PortalUser.From(http.User, authOptions);
        Data.Entities.Connection connection;
        try
        {
            connection = await connections.FindForNfonConnectAsync(user, id, http.RequestAborted);
        }
        catch (ConnectionChangeRefusedException)
        {
            return BackToPage("refused", id);
        }
        if (NfonAuthorizationServer.For(connection, options.Value) is not { } server)
        {
            return BackToPage("not-configured", id);
        }

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = new ConnectState(id, verifier, user.Id, server.TokenUrl.AbsoluteUri, server.ClientId, CallbackUrl(http.Request));
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = server.ClientId,
            ["redirect_uri"] = state.RedirectUri,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["state"] = ProtectState(protection, state, clock.GetUtcNow() + StateLifetime),
        };
        if (server.Scope is { } scope)
        {
            query["scope"] = scope;
        }
        return Results.Redirect(QueryHelpers.AddQueryString(server.AuthorizeUrl.AbsoluteUri, query));
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, ConnectionService connections, IDataProtectionProvider protection,
        IHttpClientFactory httpClients, PortalAuthenticationOptions authOptions, ILoggerFactory loggers, RequestRefusals refusals)
    {
        var logger = loggers.CreateLogger(typeof(NfonConnectEndpoints));
        var query = http.Request.Query;
        var state = ReadState(protection, query["state"]);
        if (state is null)
        {
            return Results.Text("This NFON sign-in is missing, expired or not valid. Start \"Connect with NFON\" again on the Connections page.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var user = PortalUser.From(http.User, authOptions);
        if (state.UserId != user.Id)
        {
            const string reason = "This NFON sign-in was started by someone else.";
            await refusals.LogAsync(http, reason);
            return Results.Text(reason, statusCode: StatusCodes.Status403Forbidden);
        }
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            logger.LogWarning("NFON refused the sign-in for connection {ConnectionId}: {Error}", state.ConnectionId, error);
            return BackToPage("denied", state.ConnectionId, error);
        }
        if (query["code"].ToString() is not { Length: > 0 } code)
        {
            return Results.Text("NFON sent no authorization code.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tokens = await RedeemAsync(httpClients, state, code, logger, http.RequestAborted);
        if (tokens.RefreshToken is not { Length: > 0 } refreshToken)
        {
            return BackToPage("failed", state.ConnectionId, tokens.Error ?? "no_refresh_token");
        }
        try
        {
            await connections.StoreNfonOAuthAsync(user, state.ConnectionId, refreshToken, state.TokenUrl, state.ClientId, http.RequestAborted);
        }
        catch (ConnectionChangeRefusedException)
        {
            return BackToPage("refused", state.ConnectionId);
        }
        return BackToPage("connected", state.ConnectionId);
    }

    private static async Task<TokenAnswer> RedeemAsync(IHttpClientFactory httpClients, ConnectState state, string code, ILogger logger,
        CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = state.RedirectUri,
            ["client_id"] = state.ClientId,
            ["code_verifier"] = state.Verifier,
        });
        try
        {
            using var response = await httpClients.CreateClient(TokenHttpClient).PostAsync(state.TokenUrl, form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var answer = JsonSerializer.Deserialize<TokenAnswer>(body) ?? new TokenAnswer();
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("NFON's token endpoint {TokenUrl} answered {Status} for connection {ConnectionId}: {Error} {Description}",
                    state.TokenUrl, (int)response.StatusCode, state.ConnectionId, answer.Error, answer.ErrorDescription);
                return new TokenAnswer { Error = answer.Error ?? $"http_{(int)response.StatusCode}" };
            }
            return answer;
        }
        catch (VendorException ex)
        {
            // A redirect or a non-public address: the token endpoint setting needs fixing (the log says how).
            logger.LogWarning("NFON's token endpoint {TokenUrl} was not used for connection {ConnectionId}: {Error}", state.TokenUrl, state.ConnectionId, ex.Error.Message);
            return new TokenAnswer { Error = "token_endpoint_refused" };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "NFON's token endpoint {TokenUrl} could not be used for connection {ConnectionId}", state.TokenUrl, state.ConnectionId);
            return new TokenAnswer { Error = "token_endpoint_unreachable" };
        }
    }

    internal static string ProtectState(IDataProtectionProvider protection, ConnectState state, DateTimeOffset expires) =>
        Protector(protection).Protect(JsonSerializer.Serialize(state), expires);

    private static ConnectState? ReadState(IDataProtectionProvider protection, string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ConnectState>(Protector(protection).Unprotect(state));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Back to the Connections page, which says what happened (fixed outcome words; the vendor's error code only if it is one).</summary>
    private static IResult BackToPage(string outcome, int connectionId, string? error = null) =>
        Results.LocalRedirect(QueryHelpers.AddQueryString("/connections", new Dictionary<string, string?>
        {
            ["nfon"] = outcome,
            ["id"] = connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["error"] = error is not null && OAuthErrorCode().IsMatch(error) ? error : null,
        }));

    private static string CallbackUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}";

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(StatePurpose).ToTimeLimitedDataProtector();

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    [GeneratedRegex("^[a-z0-9_]{1,60}$")]
    private static partial Regex OAuthErrorCode();

    /// <summary>What the state parameter carries, encrypted: which connection, the PKCE verifier, who started it, where to redeem.</summary>
    internal sealed record ConnectState(int ConnectionId, string Verifier, string UserId, string TokenUrl, string ClientId, string RedirectUri);

    private sealed record TokenAnswer
    {
        [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
        [JsonPropertyName("error")] public string? Error { get; init; }
        [JsonPropertyName("error_description")] public string? ErrorDescription { get; init; }
    }
}
