using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Cinnox;

internal sealed class CinnoxAdapterFactory(IHttpClientFactory httpClients, TimeProvider clock) : IVendorAdapterFactory
{
    public VendorKind Vendor => VendorKind.Cinnox;

    public IVendorAdapter Create(VendorConnectionSettings settings) => Create(settings, CinnoxReadOptions.Default);

    /// <summary>With other read options (tests page with small page sizes).</summary>
    internal CinnoxAdapter Create(VendorConnectionSettings settings, CinnoxReadOptions options)
    {
        if (options.PageSize is < 1 or > CinnoxClient.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"CINNOX pages hold 1 to {CinnoxClient.MaxLimit} records.");
        }
        var client = new CinnoxClient(httpClients.CreateClient(CinnoxClient.HttpClientName), settings);
        return new CinnoxAdapter(client, settings, clock, options);
    }
}
