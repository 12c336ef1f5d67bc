using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCallHistory;

/// <summary>
/// Builds the NFON Call History adapter. Credentials: an <see cref="VendorSecrets.AccessToken"/> (static bearer), or
/// <see cref="VendorSecrets.RefreshToken"/> + <see cref="VendorSecrets.TokenUrl"/> + <see cref="VendorSecrets.ClientId"/>
/// from "Login with NFON" (the refresh token wins when both are set).
/// </summary>
internal sealed class NfonCallHistoryAdapterFactory(IHttpClientFactory httpClients, NfonTokenCache tokens) : IVendorAdapterFactory
{
    public VendorKind Vendor => VendorKind.NfonCallHistory;

    public IVendorAdapter Create(VendorConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var api = new NfonApiClient(
            httpClients.CreateClient(NfonCallHistoryNames.ApiClient),
            httpClients.CreateClient(NfonCallHistoryNames.StreamClient),
            settings,
            tokens.For(settings));
        return new NfonCallHistoryAdapter(api);
    }
}
