using System.Net;
using Portal.Telephony.Http;

namespace Portal.Telephony.Tests.Http;

public sealed class NetworkAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.254", "a loopback address")]
    [InlineData("10.0.0.5", "a private network address")]
    [InlineData("172.16.0.1", "a private network address")]
    [InlineData("172.31.255.255", "a private network address")]
    [InlineData("192.168.1.1", "a private network address")]
    [InlineData("100.64.0.1", "a carrier-grade NAT address")]
    [InlineData("100.127.255.255", "a carrier-grade NAT address")]
    [InlineData("169.254.169.254", "a link-local address")] // cloud metadata services
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("255.255.255.255", "a reserved or broadcast address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fc00::1", "a unique-local address")]
    [InlineData("fd12:3456::1", "a unique-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:10.0.0.5", "a private network address")]
    [InlineData("::ffff:169.254.169.254", "a link-local address")]
    [InlineData("64:ff9b::a00:5", "a private network address")] // NAT64 of 10.0.0.5
    [InlineData("8.8.8.8", null)]
    [InlineData("11.0.0.1", null)]
    [InlineData("100.128.0.1", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("192.169.0.1", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("64:ff9b::808:808", null)] // NAT64 of 8.8.8.8
    public void NonPublicKind_Address_SaysWhatItIsOrNullWhenPublic(string address, string? expected)
    {
        Assert.Equal(expected, NetworkAddresses.NonPublicKind(IPAddress.Parse(address)));
    }
}
