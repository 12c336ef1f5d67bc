using PhoneNumbers;
using Portal.Telephony.Calls;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// The one set of rules for a connection, used by the form (per field), by <see cref="ConnectionService"/> before
/// saving, and by the configuration loader. Errors are keyed by field: the draft's property names, and
/// <see cref="SecretKey"/> for secrets.
/// </summary>
public sealed class ConnectionValidation
{
    private static readonly HashSet<string> KnownRegions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
    private readonly Dictionary<string, string> _errors = [];

    private ConnectionValidation()
    {
    }

    public IReadOnlyDictionary<string, string> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    public static string SecretKey(string secretName) => "Secrets." + secretName;

    public IEnumerable<string> For(string field) => _errors.TryGetValue(field, out var error) ? [error] : [];

    /// <summary>All errors, one sentence each, for logs and exceptions (never a secret value).</summary>
    public string Summary => string.Join(" ", _errors.Values);

    /// <param name="takenNames">Names of the other connections (case-insensitive uniqueness).</param>
    /// <param name="storedSecretNames">Secrets the connection already has (editing); empty when adding.</param>
    /// <param name="storedBaseUrl">The stored base URL (editing): on another origin the stored secrets do not count (<see cref="ConnectionOrigin"/>).</param>
    public static ConnectionValidation Validate(ConnectionDraft draft, IEnumerable<string> takenNames, IReadOnlyCollection<string> storedSecretNames,
        string? storedBaseUrl = null)
    {
        var result = new ConnectionValidation();
        var name = draft.Name.Trim();
        if (name.Length == 0)
        {
            result.Add(nameof(draft.Name), "Name is required.");
        }
        else if (name.Length > 200)
        {
            result.Add(nameof(draft.Name), "Name is too long (at most 200 characters).");
        }
        else if (takenNames.Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)))
        {
            result.Add(nameof(draft.Name), $"Another connection is already called \"{name}\".");
        }

        if (!IsHttpUrl(draft.BaseUrl))
        {
            result.Add(nameof(draft.BaseUrl), "Base URL must be an absolute http or https address, e.g. https://api.example.com.");
        }
        if (!KnownRegions.Contains(draft.PhoneRegion.Trim().ToUpperInvariant()))
        {
            result.Add(nameof(draft.PhoneRegion), $"\"{draft.PhoneRegion}\" is not a phone region: use a two-letter country code such as DE, US or GB.");
        }
        if (!string.IsNullOrWhiteSpace(draft.TimeZone) && !IsIanaZone(draft.TimeZone.Trim()))
        {
            result.Add(nameof(draft.TimeZone), $"\"{draft.TimeZone}\" is not a known IANA time zone, e.g. Europe/Berlin or America/New_York.");
        }
        if (draft.PollIntervalSeconds is < ConnectionDraft.MinPollIntervalSeconds or > ConnectionDraft.MaxPollIntervalSeconds)
        {
            result.Add(nameof(draft.PollIntervalSeconds), $"Poll interval must be {ConnectionDraft.MinPollIntervalSeconds}–{ConnectionDraft.MaxPollIntervalSeconds} seconds.");
        }
        if (draft.BackfillDays is < 0 or > ConnectionDraft.MaxBackfillDays)
        {
            result.Add(nameof(draft.BackfillDays), $"Backfill must be 0–{ConnectionDraft.MaxBackfillDays} days.");
        }

        if (draft.Vendor is not { } vendor || VendorCatalog.All.All(p => p.Vendor != vendor))
        {
            result.Add(nameof(draft.Vendor), "Choose a vendor.");
            return result;
        }
        var profile = VendorCatalog.For(vendor);
        if (profile.RequiresTimeZone && string.IsNullOrWhiteSpace(draft.TimeZone))
        {
            result.Add(nameof(draft.TimeZone), $"{profile.Label} sends times without a zone: enter the account's time zone, e.g. America/New_York.");
        }
        if (!(draft.CredentialsFromOAuth && vendor == VendorKind.NfonCallHistory))
        {
            var originChanged = storedBaseUrl is not null && ConnectionOrigin.Changed(storedBaseUrl, draft.BaseUrl);
            result.CheckCredentials(profile, draft.EnteredSecretNames.Concat(originChanged ? [] : storedSecretNames).ToHashSet(), originChanged);
        }
        return result;
    }

    /// <summary>
    /// One complete credential set is needed (entered now, or stored when the origin is the same); the missing fields of the set
    /// closest to complete are marked.
    /// </summary>
    private void CheckCredentials(VendorProfile profile, HashSet<string> present, bool originChanged)
    {
        if (profile.CredentialSets.Any(set => set.All(present.Contains)))
        {
            return;
        }
        var closest = profile.CredentialSets.OrderByDescending(set => set.Count(present.Contains)).First();
        // Why they are needed (another host), or how to get them; once, on the first field.
        var hint = originChanged ? ConnectionOrigin.ChangedReason : present.Count == 0 ? profile.CredentialHint : null;
        foreach (var missing in closest.Where(n => !present.Contains(n)))
        {
            Add(SecretKey(missing), $"{profile.Secret(missing)?.Label ?? missing} is required.{(hint is null ? "" : " " + hint)}");
            hint = null;
        }
    }

    private void Add(string field, string message) => _errors.TryAdd(field, message);

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && uri.UserInfo.Length == 0;

    public static bool IsIanaZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
}
