using Portal.Telephony.Calls;
using Portal.Telephony.WebFones;

namespace Portal.Telephony.Tests.WebFones;

public sealed class WebFonesTimeTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2025-07-01 20:54:53", "2025-07-02T00:54:53Z")] // EDT, UTC-4
    [InlineData("2025-01-15 09:00:00", "2025-01-15T14:00:00Z")] // EST, UTC-5
    [InlineData("2025-11-02 01:30:00", "2025-11-02T06:30:00Z")] // the repeated hour: read as standard time
    public void LocalToUtc_ZoneLessLocalTime_UsesTheConfiguredZone(string local, string expectedUtc)
    {
        Assert.True(WebFonesTime.TryParseLocal(local, out var parsed));

        var utc = VendorTimestamp.LocalToUtc(parsed, NewYork);

        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData("2025-07-01T18:53:44Z", "2025-07-01 14:53:43")]
    [InlineData("2025-07-01T18:53:44.900Z", "2025-07-01 14:53:43")]
    [InlineData("2025-11-02T05:30:00Z", "2025-11-02 00:29:59")] // 01:30 EDT is ambiguous: one hour earlier still
    [InlineData("0001-01-01T00:00:00Z", "1970-01-01 00:00:00")]
    public void QueryFrom_SinceUtc_IsTheLocalSecondBefore(string sinceUtc, string expected)
    {
        var since = DateTime.Parse(sinceUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, WebFonesTime.QueryFrom(since, NewYork));
    }

    [Theory]
    [InlineData("2025-07-01T14:53:43")]
    [InlineData("2025-07-01 14:53")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseLocal_NotTheDocumentedForm_IsFalse(string? text)
    {
        Assert.False(WebFonesTime.TryParseLocal(text, out _));
    }
}
