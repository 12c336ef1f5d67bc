using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Sandbox.Faults;
using Portal.Sandbox.Traffic;
using Portal.Telephony.Calls;

namespace Portal.Sandbox.Vendors.WebFones;

/// <summary>
/// WebFones Call Log Access API 3.0/3.1 under <see cref="WebFonesSandbox.BasePath"/>:
/// <c>GET call_log/records_after_timestamp?timestamp=YYYY-MM-DD HH:MM:SS</c> (every record whose local
/// <c>call_timestamp</c> is strictly after it, oldest first, no paging) and <c>GET call_log/recording/:rid</c>.
/// Beyond the CONTRACT: a <c>timestamp</c> not in that form answers 400 "Invalid timestamp format, expected
/// YYYY-MM-DD HH:MM:SS"; a rid that is not a whole number answers 400 "Invalid rid"; a call without a recording
/// answers 404 "Recording not found".
/// </summary>
public static class WebFonesEmulator
{
    public const string MissingTimestamp = "Missing timestamp in query";
    public const string InvalidTimestamp = "Invalid timestamp format, expected YYYY-MM-DD HH:MM:SS";
    public const string MissingApiKey = "Missing API key";
    public const string InvalidApiKey = "Invalid API key";
    public const string TooManyForKey = "Too many requests for this API key, please try again later.";
    public const string TooManyForIp = "Too many requests from this IP, please try again later.";
    public const string RecordingNotFound = "Recording not found";
    public const string InvalidRid = "Invalid rid";

    // Node's JSON.stringify does not escape non-ASCII names.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IServiceCollection AddWebFonesEmulator(this IServiceCollection services)
    {
        services.AddSingleton(WebFonesSandbox.Profile);
        services.AddOptions<WebFonesEmulatorOptions>().BindConfiguration(WebFonesEmulatorOptions.Section);
        services.TryAddSingleton<WebFonesRateLimit>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebFonesEmulator(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapVendorGroup(VendorKind.WebFones, WebFonesSandbox.BasePath, ErrorResult);
        group.AddEndpointFilter(async (context, next) => LimitAndAuthenticate(context.HttpContext) ?? await next(context));
        group.MapGet("/call_log/records_after_timestamp", RecordsAfterTimestamp);
        group.MapGet("/call_log/recording/{rid}", Recording);
        return endpoints;
    }

    /// <summary>WebFones' error bodies: <c>{"error": …}</c>; a 500 as the CONTRACT shows it; a 429 with the per-key text.</summary>
    public static IResult ErrorResult(int statusCode, string message) => statusCode switch
    {
        StatusCodes.Status500InternalServerError => Results.Json(new Dictionary<string, string>
        {
            ["error"] = "Internal server error",
            ["message"] = "An unexpected error occurred",
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }, Json, statusCode: statusCode),
        StatusCodes.Status429TooManyRequests => Error(statusCode, TooManyForKey),
        _ => Error(statusCode, message),
    };

    private static IResult Error(int statusCode, string error) => Results.Json(new Dictionary<string, string> { ["error"] = error }, Json, statusCode: statusCode);

    /// <summary>The rate limit first (per key, or per IP without one), then the key.</summary>
    private static IResult? LimitAndAuthenticate(HttpContext http)
    {
        var key = ApiKeyOf(http.Request);
        var limit = http.RequestServices.GetRequiredService<WebFonesRateLimit>();
        if (!limit.TryCount(key is null ? "ip:" + http.Connection.RemoteIpAddress : "key:" + key))
        {
            return Error(StatusCodes.Status429TooManyRequests, key is null ? TooManyForIp : TooManyForKey);
        }
        if (key is null)
        {
            return Error(StatusCodes.Status401Unauthorized, MissingApiKey);
        }
        var revoked = http.RequestServices.GetRequiredService<FaultRegistry>().Get(VendorKind.WebFones).TokensRevoked;
        return key == WebFonesSandbox.ApiKey && !revoked ? null : Error(StatusCodes.Status403Forbidden, InvalidApiKey);
    }

    private static string? ApiKeyOf(HttpRequest request)
    {
        var key = request.Headers["x-api-key"].ToString();
        if (!string.IsNullOrWhiteSpace(key))
        {
            return key.Trim();
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }

    private static IResult RecordsAfterTimestamp(HttpContext http, SandboxTraffic traffic, FaultRegistry faults)
    {
        var text = http.Request.Query["timestamp"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return Error(StatusCodes.Status400BadRequest, MissingTimestamp);
        }
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var after))
        {
            return Error(StatusCodes.Status400BadRequest, InvalidTimestamp);
        }
        var records = traffic.Log(VendorKind.WebFones).Current()
            .Select(p => p.Call)
            .Select(call => (Call: call, Local: TimeZoneInfo.ConvertTimeFromUtc(call.StartedAtUtc, WebFonesSandbox.Zone)))
            .Where(c => c.Local > after)
            .OrderBy(c => c.Local).ThenBy(c => c.Call.Number)
            .Select(c => WebFonesRecords.Render(c.Call, faults.ShouldMalform(VendorKind.WebFones)))
            .ToList();
        return Results.Json(new WebFonesRecordsAnswer(true, records.Count, records), Json);
    }

    private static IResult Recording(string rid, SandboxTraffic traffic)
    {
        if (!long.TryParse(rid, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Error(StatusCodes.Status400BadRequest, InvalidRid);
        }
        var call = traffic.Log(VendorKind.WebFones).Current().Select(p => p.Call).FirstOrDefault(c => c.Number == number);
        return call is { HasRecording: true }
            ? Results.File(WebFonesRecordingAudio.Create(number), WebFonesRecordingAudio.ContentType, $"{number}.wav")
            : Error(StatusCodes.Status404NotFound, RecordingNotFound);
    }
}

/// <summary><c>{"success": true, "count": n, "records": […]}</c></summary>
public sealed record WebFonesRecordsAnswer(
    [property: System.Text.Json.Serialization.JsonPropertyName("success")] bool Success,
    [property: System.Text.Json.Serialization.JsonPropertyName("count")] int Count,
    [property: System.Text.Json.Serialization.JsonPropertyName("records")] IReadOnlyList<WebFonesRecord> Records);
