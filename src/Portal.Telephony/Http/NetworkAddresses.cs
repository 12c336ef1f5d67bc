using System.Net;
using System.Net.Sockets;

namespace Portal.Telephony.Http;

/// <summary>
/// Which addresses a vendor request may connect to: public unicast only, unless private networks are allowed.
/// IPv4 addresses written as IPv6 (mapped <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::a.b.c.d</c>) are judged as the
/// IPv4 address they carry.
/// </summary>
public static class NetworkAddresses
{
    private static readonly (IPNetwork Network, string Kind)[] NotPublic =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private network address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private network address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private network address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a private network address"), // site-local, deprecated but still routable inside
        (IPNetwork.Parse("fc00::/7"), "a unique-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Null for a public address; otherwise what it is, in words ("a private network address").</summary>
    public static string? NonPublicKind(IPAddress address)
    {
        var judged = Embedded(address);
        foreach (var (network, kind) in NotPublic)
        {
            if (network.Contains(judged))
            {
                return kind;
            }
        }
        return null;
    }

    private static IPAddress Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }
        return address;
    }
}
