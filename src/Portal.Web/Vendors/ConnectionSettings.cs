using Portal.Telephony.Connections;
using Portal.Web.Data.Entities;

namespace Portal.Web.Vendors;

public static class ConnectionSettings
{
    /// <summary>What an adapter needs from a stored connection, with its credentials decrypted.</summary>
    public static VendorConnectionSettings ToVendorSettings(this Connection connection, ConnectionSecretProtector secrets) =>
        new(connection.Vendor, new Uri(connection.BaseUrl), secrets.Unprotect(connection.ProtectedSecrets), connection.PhoneRegion, connection.TimeZone);
}
