using Portal.Telephony.Calls;

namespace Portal.Telephony.Connections;

/// <summary>
/// Everything an adapter needs to talk to one vendor account: where, which credentials, and how to read its
/// numbers and times. Secret names per vendor are the constants of <see cref="VendorSecrets"/>.
/// </summary>
public sealed record VendorConnectionSettings(
    VendorKind Vendor,
    Uri BaseUrl,
    IReadOnlyDictionary<string, string> Secrets,
    string PhoneRegion = "DE",
    string? TimeZone = null)
{
    public string Secret(string name) =>
        Secrets.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new VendorException(new VendorError(Vendor, VendorErrorKind.Configuration, $"The connection has no {name}."));

    public string? OptionalSecret(string name) => Secrets.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>
    /// The zone of vendors that send times without one (UTC when none is set). A zone this machine does not know is
    /// an error of the connection (a <see cref="VendorException"/>), never a reason to skip its records one by one.
    /// </summary>
    public TimeZoneInfo Zone => TimeZone is null ? TimeZoneInfo.Utc
        : TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone
        : throw new VendorException(new VendorError(Vendor, VendorErrorKind.Configuration,
            $"The time zone '{TimeZone}' is not known; use an IANA name such as America/New_York."));
}

/// <summary>Names of the credentials each vendor needs (also the configuration keys, see the README).</summary>
public static class VendorSecrets
{
    public const string AccessToken = "AccessToken";   // NfonCallHistory (static bearer)
    public const string RefreshToken = "RefreshToken"; // NfonCallHistory (OAuth)
    public const string TokenUrl = "TokenUrl";         // NfonCallHistory (OAuth)
    public const string ClientId = "ClientId";         // NfonCallHistory (OAuth)
    public const string Username = "Username";         // NfonCti
    public const string Password = "Password";         // NfonCti
    public const string ApiKey = "ApiKey";             // WebFones
    public const string AppId = "AppId";               // Cinnox
    public const string AppToken = "AppToken";         // Cinnox
    public const string Token = "Token";               // Unpod
    public const string OrgHandle = "OrgHandle";       // Unpod
    public const string ProductId = "ProductId";       // Unpod, optional (the open-source server requires it)
}
