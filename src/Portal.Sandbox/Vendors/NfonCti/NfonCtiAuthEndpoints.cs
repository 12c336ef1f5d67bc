using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Faults;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary><c>POST /login</c>, <c>PUT /login</c> (refresh), <c>GET /.well-known/jwks.json</c>, and the bearer check of the rest.</summary>
internal static class NfonCtiAuthEndpoints
{
    public static void MapNfonCtiAuth(this RouteGroupBuilder group)
    {
        group.MapPost("/login", LoginAsync);
        group.MapPut("/login", Refresh);
        group.MapGet("/.well-known/jwks.json", (NfonCtiTokenStore tokens) => NfonCtiResults.Json(StatusCodes.Status200OK, tokens.Jwks()));
    }

    /// <summary>The extension endpoints' check: a valid access token, else 401 without a body.</summary>
    public static async ValueTask<object?> RequireAccessToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var revoked = services.GetRequiredService<FaultRegistry>().Get(VendorKind.NfonCti).TokensRevoked;
        var token = Bearer(context.HttpContext.Request);
        if (revoked || token is null || !services.GetRequiredService<NfonCtiTokenStore>().IsValidAccessToken(token))
        {
            return NfonCtiResults.Empty(StatusCodes.Status401Unauthorized);
        }
        return await next(context);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, NfonCtiTokenStore tokens, FaultRegistry faults)
    {
        string? username;
        string? password;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NfonCtiResults.Empty(StatusCodes.Status400BadRequest);
            }
            username = StringProperty(body.RootElement, "username");
            password = StringProperty(body.RootElement, "password");
        }
        catch (JsonException)
        {
            return NfonCtiResults.Empty(StatusCodes.Status400BadRequest);
        }
        if (username is null || password is null)
        {
            return NfonCtiResults.Empty(StatusCodes.Status400BadRequest);
        }
        if (faults.Get(VendorKind.NfonCti).TokensRevoked || username != NfonCtiSandbox.Username || password != NfonCtiSandbox.Password)
        {
            return NfonCtiResults.Empty(StatusCodes.Status401Unauthorized);
        }
        return Tokens(tokens.Login());
    }

    private static IResult Refresh(HttpContext context, NfonCtiTokenStore tokens, FaultRegistry faults)
    {
        var refreshToken = Bearer(context.Request);
        if (refreshToken is null)
        {
            return NfonCtiResults.Empty(StatusCodes.Status400BadRequest);
        }
        if (faults.Get(VendorKind.NfonCti).TokensRevoked || tokens.Refresh(refreshToken) is not { } pair)
        {
            return NfonCtiResults.Empty(StatusCodes.Status401Unauthorized);
        }
        return Tokens(pair);
    }

    private static IResult Tokens(NfonCtiTokenPair pair) => NfonCtiResults.Json(StatusCodes.Status200OK,
        new JsonObject { ["access-token"] = pair.AccessToken, ["refresh-token"] = pair.RefreshToken });

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
