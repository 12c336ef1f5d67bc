using Portal.Telephony.Calls;
using Portal.Telephony.Connections;
using Portal.Web.Vendors;

namespace Portal.Web.Features.Connections;

/// <summary>
/// "Test connection": builds the vendor's adapter from settings and makes its one cheap authenticated call. Answers
/// in words; gives up after <see cref="Patience"/> so that the button never hangs on a vendor's retries.
/// </summary>
public sealed class ConnectionTester(VendorAdapters adapters)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <param name="storedSecrets">The stored secrets, read only when needed (decrypting may fail: keys changed).</param>
    public async Task<VendorError?> TestAsync(ConnectionDraft draft, Func<IReadOnlyDictionary<string, string>> storedSecrets,
        CancellationToken cancellationToken)
    {
        if (draft.Vendor is not { } vendor)
        {
            return new VendorError(default, VendorErrorKind.Configuration, "Choose a vendor first.");
        }
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            var settingsProblem = SettingsProblem(draft);
            if (settingsProblem is not null)
            {
                return new VendorError(vendor, VendorErrorKind.Configuration, settingsProblem);
            }
            var settings = new VendorConnectionSettings(vendor, new Uri(draft.BaseUrl.Trim()), draft.MergeSecrets(storedSecrets()),
                draft.PhoneRegion.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(draft.TimeZone) ? null : draft.TimeZone.Trim());
            return await adapters.Create(settings).TestConnectionAsync(patience.Token);
        }
        catch (VendorException ex)
        {
            return ex.Error;
        }
        catch (InvalidOperationException ex)
        {
            return new VendorError(vendor, VendorErrorKind.Configuration, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new VendorError(vendor, VendorErrorKind.Unavailable,
                $"{VendorCatalog.Label(vendor)} did not answer within {Patience.TotalSeconds:0} seconds at {draft.BaseUrl.Trim()}.");
        }
    }

    /// <summary>The settings the adapter cannot work without (the name does not matter for a test).</summary>
    private static string? SettingsProblem(ConnectionDraft draft)
    {
        var validation = ConnectionValidation.Validate(draft, [], []);
        string[] needed = [nameof(draft.BaseUrl), nameof(draft.PhoneRegion), nameof(draft.TimeZone)];
        var problems = needed.SelectMany(validation.For).ToList();
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }
}
