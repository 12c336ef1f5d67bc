using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.Cinnox;

/// <summary>
/// The CINNOX Open API call-detail endpoint under <see cref="CinnoxSandbox.BasePath"/>, with recording downloads.
/// Choices where the contract is open: a bad or missing App Token is 401 <c>{"code":401,...}</c>; a token used with
/// another app id is 403 <c>{"code":403,...}</c>; parameter errors are 400 with code 6451000; a rate limit is 429 with
/// code 6451010; server faults are 500 with code 6451001; an unknown method or URL is 404 with code 6450001.
/// Records come ordered by callDate ascending (then id) within the window.
/// </summary>
public static class CinnoxEmulator
{
    public static IServiceCollection AddCinnoxEmulator(this IServiceCollection services) =>
        services.AddSingleton(new TrafficProfile(VendorKind.Cinnox, TimeZone: "Europe/Berlin", ExternalRegion: "DE", Recordings: true));

    public static IEndpointRouteBuilder MapCinnoxEmulator(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapVendorGroup(VendorKind.Cinnox, CinnoxSandbox.BasePath, Error);
        group.MapGet("/v1/api/apps/{appID}/data/call-detail", CallDetail);
        group.MapGet("/v1/api/apps/{appID}/recordings/{fileId}", Recording);
        group.Map("/{**path}", (HttpContext context, string? path) =>
            Error(StatusCodes.Status404NotFound, $"method not found, method: {context.Request.Method} url: /{path}", 6450001));
        return endpoints;
    }

    /// <summary>The error body: <c>{"code": ..., "message": ...}</c>.</summary>
    public static IResult Error(int statusCode, string message) => statusCode switch
    {
        StatusCodes.Status429TooManyRequests => Error(statusCode, "Too many requests", 6451010),
        >= 500 => Error(statusCode, "Bad response from the service", 6451001),
        _ => Error(statusCode, message, statusCode),
    };

    private static IResult Error(int statusCode, string message, int code) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: statusCode);

    private static IResult CallDetail(string appID, HttpContext context, SandboxTraffic traffic, FaultRegistry faults)
    {
        if (Refuse(appID, context, faults) is { } refused)
        {
            return refused;
        }
        var (query, error) = CinnoxQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Error(StatusCodes.Status400BadRequest, error!, CinnoxQuery.ParameterErrorCode);
        }
        var emulatorUrl = EmulatorUrl(context.Request);
        var records = traffic.Log(VendorKind.Cinnox).Current()
            .Select(p => p.Call)
            .Where(c => query.StartAt is null || (c.StartedAtUtc >= query.StartAt && c.StartedAtUtc < query.EndAt))
            .Where(c => query.CallType is null || CinnoxVocabulary.CallType(c) == query.CallType)
            .Where(c => query.Status is null || string.Equals(CinnoxVocabulary.Status(c.Cause), query.Status, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.StartedAtUtc).ThenBy(c => CinnoxIds.RecordId(c), StringComparer.Ordinal)
            .Skip(query.Offset).Take(query.Limit)
            .Select(c => (JsonNode)CinnoxRecordRenderer.Render(c, emulatorUrl, faults.ShouldMalform(VendorKind.Cinnox)))
            .ToArray();
        return Results.Json(new JsonObject { ["code"] = 0, ["result"] = new JsonArray(records) });
    }

    private static IResult Recording(string appID, string fileId, HttpContext context, SandboxTraffic traffic, FaultRegistry faults)
    {
        if (Refuse(appID, context, faults) is { } refused)
        {
            return refused;
        }
        var call = CinnoxIds.CallIdOfFile(fileId) is { } id ? traffic.Log(VendorKind.Cinnox).Find(id)?.Call : null;
        return call is { HasRecording: true }
            ? Results.File(CinnoxRecordingAudio.Wav, CinnoxRecordingAudio.ContentType, $"call-{CinnoxIds.RecordId(call)}.wav")
            : Error(StatusCodes.Status404NotFound, "recording not found", 404);
    }

    /// <summary>401 for a missing, wrong or revoked App Token; 403 for a good token used with another app id.</summary>
    private static IResult? Refuse(string appId, HttpContext context, FaultRegistry faults)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (token != CinnoxSandbox.AppToken || faults.Get(VendorKind.Cinnox).TokensRevoked)
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized: invalid or missing App Token", 401);
        }
        return appId == CinnoxSandbox.AppId
            ? null
            : Error(StatusCodes.Status403Forbidden, $"Forbidden: the App Token does not belong to app {appId}", 403);
    }

    private static string EmulatorUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{CinnoxSandbox.BasePath}";
}
