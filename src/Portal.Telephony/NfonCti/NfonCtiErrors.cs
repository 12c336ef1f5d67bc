using System.Net;
using System.Text.Json;
using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Telephony.Http;

namespace Portal.Telephony.NfonCti;

/// <summary>NFON CTI's failures in words a person can act on.</summary>
internal static class NfonCtiErrors
{
    public static VendorException BadCredentials() => new(new VendorError(VendorKind.NfonCti, VendorErrorKind.Authentication,
        "NFON CTI rejected the username or password (401).", 401));

    public static VendorException Unreachable(Exception inner) => new(new VendorError(VendorKind.NfonCti, VendorErrorKind.Unavailable,
        $"NFON CTI could not be reached: {inner.Message}"), inner);

    public static VendorException Malformed(string what, Exception? inner = null) => new(new VendorError(VendorKind.NfonCti, VendorErrorKind.MalformedResponse,
        $"NFON CTI sent {what} that could not be read."), inner);

    /// <summary>The error for a response that was not a success, with the vendor's <c>{"error": ...}</c> text when it sent one.</summary>
    public static VendorException FromResponse(HttpStatusCode status, string body)
    {
        var code = (int)status;
        var detail = Detail(body);
        var (kind, message) = status switch
        {
            HttpStatusCode.Unauthorized => (VendorErrorKind.Authentication,
                "NFON CTI refused the access token, also after signing in again (401)."),
            HttpStatusCode.Forbidden => (VendorErrorKind.Authentication,
                $"NFON CTI refused access (403){detail}. The API user may lack the CTI licence or the Business Premium tariff."),
            HttpStatusCode.TooManyRequests => (VendorErrorKind.RateLimited,
                "NFON CTI kept asking to slow down (429), also after waiting."),
            HttpStatusCode.NotFound => (VendorErrorKind.Rejected, $"NFON CTI did not find it (404){detail}."),
            HttpStatusCode.NotAcceptable => (VendorErrorKind.Rejected, $"NFON CTI cannot answer in the requested format (406){detail}."),
            _ when code >= 500 => (VendorErrorKind.Unavailable, $"NFON CTI failed ({code}){detail}."),
            _ when code >= 400 => (VendorErrorKind.Rejected, $"NFON CTI rejected the request ({code}){detail}."),
            _ => (VendorErrorKind.MalformedResponse, $"NFON CTI answered with an unexpected status ({code})."),
        };
        return new VendorException(new VendorError(VendorKind.NfonCti, kind, message, code));
    }

    private static string Detail(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && VendorText.Message(error.GetString()) is { } text
                ? ": " + text.TrimEnd('.')
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
