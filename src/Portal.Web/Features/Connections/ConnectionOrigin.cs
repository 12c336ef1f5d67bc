namespace Portal.Web.Features.Connections;

/// <summary>
/// The origin (scheme, host and port) of a connection's base URL. Stored credentials belong to the origin they were entered
/// for: a base URL on another origin needs every credential entered again, and the stored ones are dropped, never sent there.
/// </summary>
public static class ConnectionOrigin
{
    public const string ChangedReason =
        "The address points to another host: enter every credential again; stored credentials are only sent to the host they were entered for.";

    /// <summary>"https://api.example.com:2343" (the default port left out), or null when the value is not an absolute http(s) URL.</summary>
    public static string? Of(string? baseUrl) =>
        ConnectionValidation.IsHttpUrl(baseUrl) ? new Uri(baseUrl!.Trim()).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>True when <paramref name="editedUrl"/> is a valid address on another origin than <paramref name="storedUrl"/>.</summary>
    public static bool Changed(string storedUrl, string editedUrl) => Of(editedUrl) is { } edited && edited != Of(storedUrl);
}
