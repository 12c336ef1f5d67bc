using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Unpod;

/// <summary>
/// The Unpod platform API's call logs and organisations under <see cref="UnpodSandbox.BasePath"/> (trailing slashes as
/// Django has them). Errors use the envelope <c>{"status_code": ..., "message": ...}</c>: 401 for a missing token
/// ("Authentication credentials were not provided.", also for a scheme other than Token) or a wrong/revoked one
/// ("Invalid token."); 403 for a missing or unknown Org-Handle; 400 for bad filters or page_size; 404 "Invalid page."
/// past the last page. Call logs come ordered by creation_time ascending.
/// </summary>
public static class UnpodEmulator
{
    public static IServiceCollection AddUnpodEmulator(this IServiceCollection services) =>
        services.AddSingleton(new TrafficProfile(VendorKind.Unpod, TimeZone: "Europe/Berlin", ExternalRegion: "DE"));

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

    private static IResult CallLogs(HttpContext context, SandboxTraffic traffic, FaultRegistry faults)
    {
        if ((RefuseToken(context, faults) ?? RefuseOrganization(context)) is { } refused)
        {
            return refused;
        }
        var (query, status, error) = UnpodQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Error(status, error!);
        }
        var matching = traffic.Log(VendorKind.Unpod).Current()
            .Select(p => p.Call)
            .Where(c => (query.From is null || c.StartedAtUtc >= query.From) && (query.Until is null || c.StartedAtUtc < query.Until))
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

    private static IResult? RefuseOrganization(HttpContext context)
    {
        var handle = context.Request.Headers["Org-Handle"].ToString();
        return handle.Length == 0 ? Error(StatusCodes.Status403Forbidden, "Org-Handle header is required.")
            : handle != UnpodSandbox.OrgHandle ? Error(StatusCodes.Status403Forbidden, "Invalid organization handle.")
            : null;
    }
}
