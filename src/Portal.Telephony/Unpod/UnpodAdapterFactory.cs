using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.Unpod;

internal sealed class UnpodAdapterFactory(IHttpClientFactory httpClients, TimeProvider clock) : IVendorAdapterFactory
{
    public VendorKind Vendor => VendorKind.Unpod;

    public IVendorAdapter Create(VendorConnectionSettings settings) => Create(settings, UnpodAdapter.DefaultPageSize);

    /// <summary>With another page size (tests page with small ones).</summary>
    internal UnpodAdapter Create(VendorConnectionSettings settings, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var client = new UnpodClient(httpClients.CreateClient(UnpodClient.HttpClientName), settings);
        return new UnpodAdapter(client, settings, clock, pageSize);
    }
}
