using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;

namespace Portal.Telephony.Connections;

/// <summary>Builds one vendor's adapter for a connection's settings (each vendor registers one).</summary>
public interface IVendorAdapterFactory
{
    VendorKind Vendor { get; }

    IVendorAdapter Create(VendorConnectionSettings settings);
}

/// <summary>The adapters of every registered vendor: <c>adapters.Create(settings) is ICallRecordSource source</c>.</summary>
public sealed class VendorAdapters(IEnumerable<IVendorAdapterFactory> factories)
{
    private readonly Dictionary<VendorKind, IVendorAdapterFactory> _factories = factories.ToDictionary(f => f.Vendor);

    public IReadOnlyCollection<VendorKind> Vendors => _factories.Keys;

    public IVendorAdapter Create(VendorConnectionSettings settings) =>
        _factories.TryGetValue(settings.Vendor, out var factory)
            ? factory.Create(settings)
            : throw new VendorException(new VendorError(settings.Vendor, VendorErrorKind.Configuration, $"No adapter for {settings.Vendor} is registered."));
}
