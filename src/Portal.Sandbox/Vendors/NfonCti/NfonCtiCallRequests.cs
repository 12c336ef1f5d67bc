using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Portal.Sandbox.Company;

namespace Portal.Sandbox.Vendors.NfonCti;

/// <summary>The body of <c>POST /extensions/phone/calls</c> (the vendor's <c>call</c> schema, writable fields).</summary>
public sealed record NfonCtiOriginateRequest
{
    [JsonPropertyName("caller")] public string? Caller { get; init; }
    [JsonPropertyName("caller_context")] public string? CallerContext { get; init; }
    [JsonPropertyName("caller_role")] public string? CallerRole { get; init; }
    [JsonPropertyName("callee")] public string? Callee { get; init; }
    [JsonPropertyName("callee_context")] public string? CalleeContext { get; init; }
    [JsonPropertyName("callee_conference_uuid")] public string? CalleeConferenceUuid { get; init; }
    [JsonPropertyName("extension")] public string? Extension { get; init; }
    [JsonPropertyName("timeout")] public int? Timeout { get; init; }
}

/// <summary>A request the emulator refuses: status and the text of its <c>{"error": ...}</c> body.</summary>
public sealed record NfonCtiRefusal(int StatusCode, string Message);

/// <summary>
/// Checks a click-to-call request and decides how the call will go. Contexts: empty or the K-Account means an
/// extension of the tenant (it must exist), <c>global</c> a public number without '+' or '00'. The scenario
/// follows the parties: a caller on do-not-disturb rejects, an offline caller does not answer within the
/// timeout; a global callee ending in 0 is busy, ending in 9 never answers; an internal callee on the phone is
/// busy, an offline one unreachable; everything else connects.
/// </summary>
public static partial class NfonCtiCallRequests
{
    public const string Global = "global";
    public const string Conference = "conference";
    public const int DefaultTimeoutSeconds = 20;
    public const int MaxTimeoutSeconds = 120;

    public static NfonCtiCallPlan Validate(NfonCtiOriginateRequest request, bool hasDeviceHeader, NfonCtiLineBoard board)
    {
        var caller = Required(request.Caller, "caller");
        var callee = Required(request.Callee, "callee");
        var callerContext = Context(request.CallerContext, "caller_context", allowConference: false);
        var calleeContext = Context(request.CalleeContext, "callee_context", allowConference: true);
        Number(caller, callerContext, "caller");
        if (calleeContext != Conference)
        {
            Number(callee, calleeContext, "callee");
        }
        else if (string.IsNullOrEmpty(request.CalleeConferenceUuid) || !hasDeviceHeader || request.CallerRole is not ("user" or "moderator"))
        {
            throw Refuse(StatusCodes.Status400BadRequest,
                "callee_context conference needs callee_conference_uuid, caller_role (user or moderator) and the X-Cloudya-Device-UUID header.");
        }

        var timeout = request.Timeout ?? DefaultTimeoutSeconds;
        if (timeout is < 1 or > MaxTimeoutSeconds)
        {
            throw Refuse(StatusCodes.Status400BadRequest, $"timeout must be between 1 and {MaxTimeoutSeconds} seconds.");
        }

        var extension = string.IsNullOrEmpty(request.Extension)
            ? callerContext == NfonCtiSandbox.Tenant ? caller : calleeContext == NfonCtiSandbox.Tenant ? callee : null
            : request.Extension;
        if (extension is not null && SandboxCompany.Extensions.All(e => e.Number != extension))
        {
            throw Refuse(StatusCodes.Status404NotFound, $"extension {extension} does not exist in {NfonCtiSandbox.Tenant}.");
        }
        var direction = extension == callee && calleeContext == NfonCtiSandbox.Tenant && !(extension == caller && callerContext == NfonCtiSandbox.Tenant)
            ? "inbound" : "outbound";

        return new NfonCtiCallPlan(caller, callerContext, callee, calleeContext, extension, direction, timeout,
            Scenario(caller, callerContext, callee, calleeContext, board));
    }

    private static NfonCtiScenario Scenario(string caller, string callerContext, string callee, string calleeContext, NfonCtiLineBoard board)
    {
        if (callerContext == NfonCtiSandbox.Tenant && board.Find(caller) is { } callerState)
        {
            if (callerState.Presence == "dnd")
            {
                return NfonCtiScenario.CallerRejects;
            }
            if (callerState.Line == "offline" || callerState.Presence == "offline")
            {
                return NfonCtiScenario.CallerNoAnswer;
            }
        }
        if (calleeContext == Global)
        {
            return callee.EndsWith('0') ? NfonCtiScenario.CalleeBusy
                : callee.EndsWith('9') ? NfonCtiScenario.CalleeNoAnswer
                : NfonCtiScenario.Connects;
        }
        if (calleeContext == NfonCtiSandbox.Tenant && board.Find(callee) is { } calleeState)
        {
            return calleeState.Line is "in-use" or "ringing" ? NfonCtiScenario.CalleeBusy
                : calleeState.Line == "offline" ? NfonCtiScenario.CalleeUnreachable
                : NfonCtiScenario.Connects;
        }
        return NfonCtiScenario.Connects;
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Refuse(StatusCodes.Status400BadRequest, $"{field} is required.") : value;

    private static string Context(string? value, string field, bool allowConference)
    {
        if (string.IsNullOrEmpty(value) || string.Equals(value, NfonCtiSandbox.Tenant, StringComparison.OrdinalIgnoreCase))
        {
            return NfonCtiSandbox.Tenant;
        }
        if (value == Global || (allowConference && value == Conference))
        {
            return value;
        }
        throw KAccount().IsMatch(value)
            ? Refuse(StatusCodes.Status403Forbidden, $"{field} {value} is not your K-Account.")
            : Refuse(StatusCodes.Status400BadRequest, $"{field} must be your K-Account, global{(allowConference ? " or conference" : "")}.");
    }

    private static void Number(string number, string context, string field)
    {
        if (number.StartsWith('+') || number.StartsWith("00", StringComparison.Ordinal))
        {
            throw Refuse(StatusCodes.Status400BadRequest, $"{field} must not start with + or 00.");
        }
        if (!Digits().IsMatch(number))
        {
            throw Refuse(StatusCodes.Status400BadRequest, $"{field} must be a number.");
        }
        if (context == NfonCtiSandbox.Tenant && SandboxCompany.Extensions.All(e => e.Number != number))
        {
            throw Refuse(StatusCodes.Status404NotFound, $"{field} extension {number} does not exist in {NfonCtiSandbox.Tenant}.");
        }
    }

    private static NfonCtiRefusedException Refuse(int status, string message) => new(new NfonCtiRefusal(status, message));

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();

    [GeneratedRegex("^K[0-9A-Z]+$")]
    private static partial Regex KAccount();
}

/// <summary>Carries a refusal out of request validation.</summary>
public sealed class NfonCtiRefusedException(NfonCtiRefusal refusal) : Exception(refusal.Message)
{
    public NfonCtiRefusal Refusal { get; } = refusal;
}
