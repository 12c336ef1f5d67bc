using Portal.Telephony.Calls;
using Portal.Web.Data.Entities;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// A connection as the form edits it (and as configuration declares it): settings, and the secrets just entered.
/// An empty secret keeps the stored value. Checked by <see cref="ConnectionValidation"/>.
/// </summary>
public sealed class ConnectionDraft
{
    public VendorKind? Vendor { get; set; }
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    /// <summary>Default region for national numbers (ISO 3166 alpha-2, e.g. DE).</summary>
    public string PhoneRegion { get; set; } = "DE";
    /// <summary>IANA zone for vendors that send times without a zone; empty for none.</summary>
    public string? TimeZone { get; set; }
    public int PollIntervalSeconds { get; set; } = 60;
    public int BackfillDays { get; set; } = 90;
    /// <summary>Secret values entered now, by <see cref="SecretField.Name"/>.</summary>
    public Dictionary<string, string?> Secrets { get; init; } = [];
    /// <summary>NFON Call History saved before "Connect with NFON": the OAuth flow brings the credentials.</summary>
    public bool CredentialsFromOAuth { get; set; }

    public const int MinPollIntervalSeconds = 10;
    public const int MaxPollIntervalSeconds = 3600;
    public const int MaxBackfillDays = 3650;

    /// <summary>The settings of a stored connection; no secrets (they are never shown again).</summary>
    public static ConnectionDraft From(Connection connection) => new()
    {
        Vendor = connection.Vendor,
        Name = connection.Name,
        BaseUrl = connection.BaseUrl,
        PhoneRegion = connection.PhoneRegion,
        TimeZone = connection.TimeZone,
        PollIntervalSeconds = connection.PollIntervalSeconds,
        BackfillDays = connection.BackfillDays,
    };

    public ConnectionDraft Clone() => new()
    {
        Vendor = Vendor, Name = Name, BaseUrl = BaseUrl, PhoneRegion = PhoneRegion, TimeZone = TimeZone,
        PollIntervalSeconds = PollIntervalSeconds, BackfillDays = BackfillDays, Secrets = new(Secrets), CredentialsFromOAuth = CredentialsFromOAuth,
    };

    /// <summary>Copies the settings (trimmed) onto a stored connection; secrets go through <see cref="MergeSecrets"/>.</summary>
    public void ApplyTo(Connection connection)
    {
        connection.Name = Name.Trim();
        connection.Vendor = Vendor ?? throw new InvalidOperationException("A connection needs a vendor.");
        connection.BaseUrl = BaseUrl.Trim();
        connection.PhoneRegion = PhoneRegion.Trim().ToUpperInvariant();
        connection.TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        connection.PollIntervalSeconds = PollIntervalSeconds;
        connection.BackfillDays = BackfillDays;
    }

    /// <summary>The names of the secrets entered now (non-empty).</summary>
    public IEnumerable<string> EnteredSecretNames => Secrets.Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Key);

    /// <summary>The stored secrets with the ones entered now on top, limited to the vendor's own secret names.</summary>
    public Dictionary<string, string> MergeSecrets(IReadOnlyDictionary<string, string> stored)
    {
        var names = VendorCatalog.For(Vendor ?? throw new InvalidOperationException("A connection needs a vendor.")).Secrets.Select(s => s.Name).ToHashSet();
        var merged = stored.Where(s => names.Contains(s.Key) && !string.IsNullOrEmpty(s.Value)).ToDictionary();
        foreach (var name in EnteredSecretNames.Where(names.Contains))
        {
            merged[name] = Secrets[name]!.Trim();
        }
        return merged;
    }
}
