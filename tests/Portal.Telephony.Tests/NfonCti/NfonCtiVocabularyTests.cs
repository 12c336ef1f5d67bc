using Portal.Telephony.Calls;
using Portal.Telephony.Capabilities;
using Portal.Telephony.NfonCti;

namespace Portal.Telephony.Tests.NfonCti;

public sealed class NfonCtiVocabularyTests
{
    [Theory]
    [InlineData("2025-09-23T16:51:22.954969226+02:00", "2025-09-23T14:51:22.9549692Z")]
    [InlineData("2013-10-27T13:01:10.010Z", "2013-10-27T13:01:10.0100000Z")]
    [InlineData("2013-10-27T13:01:10-05:00", "2013-10-27T18:01:10.0000000Z")]
    public void Time_Rfc3339WithNanosecondsAndZone_IsUtc(string raw, string expectedUtc)
    {
        var time = NfonCtiVocabulary.Time(raw);

        Assert.Equal(DateTimeKind.Utc, time?.Kind);
        Assert.Equal(expectedUtc, time?.ToString("O"));
    }

    [Theory]
    [InlineData("2013-10-27T13:01:10:00.069620809+02:00")] // the vendor's own example, with an extra ":00"
    [InlineData("2013-10-27T13:01:10:00.010Z")]
    [InlineData("2013-10-27 13:01:10")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData(null)]
    public void Time_MalformedOrMissing_IsNull(string? raw)
    {
        Assert.Null(NfonCtiVocabulary.Time(raw));
    }

    [Theory]
    [InlineData("available", Presence.Available)]
    [InlineData("away", Presence.Away)]
    [InlineData("busy", Presence.Busy)]
    [InlineData("dnd", Presence.DoNotDisturb)]
    [InlineData("offline", Presence.Offline)]
    [InlineData("null", Presence.Unknown)]
    [InlineData(null, Presence.Unknown)]
    [InlineData("on-holiday", Presence.Unknown)]
    public void PresenceOf_VendorWord_MapsLeniently(string? raw, Presence expected)
    {
        Assert.Equal(expected, NfonCtiVocabulary.PresenceOf(raw));
    }

    [Theory]
    [InlineData("idle", LineState.Idle)]
    [InlineData("ringing", LineState.Ringing)]
    [InlineData("in-use", LineState.InUse)]
    [InlineData("offline", LineState.Offline)]
    [InlineData("unknown", LineState.Unknown)]
    [InlineData("on-hold", LineState.Unknown)]
    [InlineData(null, LineState.Unknown)]
    public void Line_VendorWord_MapsLeniently(string? raw, LineState expected)
    {
        Assert.Equal(expected, NfonCtiVocabulary.Line(raw));
    }

    [Theory]
    [InlineData("inbound", CallDirection.Inbound)]
    [InlineData("outbound", CallDirection.Outbound)]
    [InlineData("sideways", null)]
    public void Direction_VendorWord_MapsOrIsNull(string raw, CallDirection? expected)
    {
        Assert.Equal(expected, NfonCtiVocabulary.Direction(raw));
    }

    [Theory]
    [InlineData("4930123456", "global", "+4930123456")]
    [InlineData("0891234567", "K9999", "+49891234567")] // the vendor's example: a national number in the tenant's context
    [InlineData("101", "K1234", "101")]
    [InlineData("101", null, "101")]
    public void Party_NumberAndContext_IsE164OrTheExtension(string number, string? context, string expected)
    {
        Assert.Equal(expected, NfonCtiVocabulary.Party(number, context, "DE"));
    }
}
