using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>
/// The Unpod platform API's call logs and organisations under <see cref="UnpodSandbox.BasePath"/> (trailing slashes as
/// Django has them). Errors use the envelope <c>{"status_code": ..., "message": ...}</c>: 401 for a missing token
/// ("Authentication credentials were not provided.", also for a scheme other than Token) or a wrong/revoked one
/// ("Invalid token."); 400 for a missing Org-Handle (and a missing Product-Id when <see cref="UnpodEmulatorOptions.RequireProductId"/>),
/// bad filters or page_size; 404 "Invalid page." past the last page. As the open-source server does, an unknown
/// Org-Handle (or Product-Id) gets 200 with no calls. Call logs come ordered by creation_time ascending.
/// </summary>
public static class UnpodEmulator
{
    private const string OrgHandleHeader = "Org-Handle";
    private const string ProductIdHeader = "Product-Id";

    public static IServiceCollection AddUnpodEmulator(this IServiceCollection services)
    {
        services.AddOptions<UnpodEmulatorOptions>().BindConfiguration(UnpodEmulatorOptions.Section);
        return services.AddSingleton(new TrafficProfile(VendorKind.Unpod, TimeZone: "Europe/Berlin", ExternalRegion: "DE"));
    }

    public static IEndpointRouteBuilder MapUnpodEmulator(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapVendorGroup(VendorKind.Unpod, UnpodSandbox.BasePath, Error);
        group.MapGet("/api/v2/platform/call-logs/", CallLogs).AddEndpointFilter(RequireTrailingSlash);
        group.MapGet("/api/v2/platform/organizations/", Organizations).AddEndpointFilter(RequireTrailingSlash);
        group.Map("/{**path}", () => NotFound());
        return endpoints;
    }

    /// <summary>The error envelope: <c>{"status_code": ..., "message": ...}</c>.</summary>
    public static IResult Error(int statusCode, string message) =>
        Results.Json(new JsonObject { ["status_code"] = statusCode, ["message"] = message }, statusCode: statusCode);

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Not found.");

    /// <summary>ASP.NET routing ignores a trailing slash; Django's URLs do not.</summary>
    private static async ValueTask<object?> RequireTrailingSlash(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Path.Value?.EndsWith('/') == true ? await next(context) : NotFound();

    private static IResult CallLogs(HttpContext context, SandboxTraffic traffic, FaultRegistry faults, IOptions<UnpodEmulatorOptions> options)
    {
        if ((RefuseToken(context, faults) ?? RefuseMissingHeaders(context, options.Value)) is { } refused)
        {
            return refused;
        }
        var (query, status, error) = UnpodQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Error(status, error!);
        }
        var matching = (HoldsCalls(context, options.Value) ? traffic.Log(VendorKind.Unpod).Current() : [])
            .Select(p => p.Call)
            .Where(c => (query.From is null || c.StartedAtUtc >= query.From) && (query.Until is null || c.StartedAtUtc < query.Until))
            .Where(c => (query.FromDay is null || DateOnly.FromDateTime(c.StartedAtUtc) >= query.FromDay)
                && (query.ToDay is null || DateOnly.FromDateTime(c.StartedAtUtc) <= query.ToDay))
            .Where(c => query.CallType is null || (c.Direction == CallDirection.Inbound ? "inbound" : "outbound") == query.CallType)
            .Where(c => query.CallStatus is null || UnpodVocabulary.Status(c) == query.CallStatus)
            .OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (matching.Count + query.PageSize - 1) / query.PageSize);
        if (query.Page > pages)
        {
            return Error(StatusCodes.Status404NotFound, "Invalid page.");
        }
        var data = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(c => (JsonNode)UnpodRecordRenderer.Render(c, faults.ShouldMalform(VendorKind.Unpod)))
            .ToArray();
        return Results.Json(new JsonObject
        {
            ["count"] = matching.Count,
            ["status_code"] = 200,
            ["message"] = "Call logs fetched successfully",
            ["data"] = new JsonArray(data),
        });
    }

    private static IResult Organizations(HttpContext context, FaultRegistry faults) =>
        RefuseToken(context, faults) ?? Results.Json(new JsonObject
        {
            ["count"] = 1,
            ["status_code"] = 200,
            ["message"] = "Organizations fetched successfully",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = 4711,
                ["name"] = UnpodSandbox.OrgName,
                ["domain_handle"] = UnpodSandbox.OrgHandle,
                ["created_at"] = "2024-01-15T09:00:00Z",
            }),
        });

    private static IResult? RefuseToken(HttpContext context, FaultRegistry faults)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status401Unauthorized, "Authentication credentials were not provided.");
        }
        return authorization[6..].Trim() == UnpodSandbox.Token && !faults.Get(VendorKind.Unpod).TokensRevoked
            ? null
            : Error(StatusCodes.Status401Unauthorized, "Invalid token.");
    }

    /// <summary>The open-source server answers 400 when Org-Handle (or Product-Id) is missing.</summary>
    private static IResult? RefuseMissingHeaders(HttpContext context, UnpodEmulatorOptions options) =>
        context.Request.Headers[OrgHandleHeader].ToString().Length == 0 ? Error(StatusCodes.Status400BadRequest, "Org-Handle header is required.")
        : options.RequireProductId && context.Request.Headers[ProductIdHeader].ToString().Length == 0
            ? Error(StatusCodes.Status400BadRequest, "Product-Id header is required.")
        : null;

    /// <summary>Only the sandbox's organisation (and product, when required) has calls; any other is answered with none.</summary>
    private static bool HoldsCalls(HttpContext context, UnpodEmulatorOptions options) =>
        context.Request.Headers[OrgHandleHeader].ToString() == UnpodSandbox.OrgHandle
        && (!options.RequireProductId || context.Request.Headers[ProductIdHeader].ToString() == UnpodSandbox.ProductId);
}
