using Portal.Telephony.Calls;

namespace Portal.Telephony.Tests.Calls;

public sealed class VendorTimestampTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void LocalToUtc_TimeTheClocksSkip_ThrowsWithTheReasonInWords()
    {
        var ex = Assert.Throws<UnreadableRecordException>(() => VendorTimestamp.LocalToUtc(new DateTime(2026, 3, 8, 2, 30, 0), NewYork));

        Assert.Equal("2026-03-08 02:30:00 does not exist in America/New_York: the clocks skip that hour when summer time starts. Check the connection's time zone.", ex.Message);
    }

    [Fact]
    public void TryParseUtc_ZoneLessTimeTheClocksSkip_Throws()
    {
        Assert.Throws<UnreadableRecordException>(() => VendorTimestamp.TryParseUtc("2026-03-08T02:30:00", NewYork, out _));
    }
}
