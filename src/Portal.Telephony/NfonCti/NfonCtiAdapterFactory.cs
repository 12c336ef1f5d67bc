using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.Connections;

namespace Portal.Telephony.NfonCti;

/// <summary>
/// Builds NFON CTI adapters. Keeps one <see cref="NfonCtiTokenManager"/> per credential (base URL, username and
/// password), so every adapter of a connection shares its tokens and their single renewal.
/// </summary>
internal sealed class NfonCtiAdapterFactory(IHttpClientFactory httpClients, TimeProvider clock, ILoggerFactory loggers) : IVendorAdapterFactory
{
    public const string HttpClientName = "NfonCti";
    public const string StreamClientName = "NfonCti.Stream";

    private readonly ConcurrentDictionary<string, NfonCtiTokenManager> _tokens = new(StringComparer.Ordinal);

    public VendorKind Vendor => VendorKind.NfonCti;

    public IVendorAdapter Create(VendorConnectionSettings settings)
    {
        var baseUrl = new Uri(settings.BaseUrl.ToString().TrimEnd('/') + "/");
        var username = settings.Secret(VendorSecrets.Username);
        var password = settings.Secret(VendorSecrets.Password);
        var key = $"{baseUrl}\n{username}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)))}";
        var tokens = _tokens.GetOrAdd(key, _ => new NfonCtiTokenManager(httpClients, baseUrl, username, password, clock));
        var client = new NfonCtiClient(httpClients, baseUrl, tokens);
        var logger = loggers.CreateLogger<NfonCtiAdapter>();
        return new NfonCtiAdapter(client, new NfonCtiStreamReader(client, logger, clock), settings, logger);
    }
}
