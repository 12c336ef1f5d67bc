using Portal.Telephony.Calls;

namespace Portal.Telephony.Tests.Calls;

public class PhoneNumberNormalizerTests
{
    [Theory]
    [InlineData("+49 (30) 1234-5678", "DE", "+493012345678")]
    [InlineData("0049 30 12345678", "DE", "+493012345678")]
    [InlineData("030 12345678", "DE", "+493012345678")]
    [InlineData("(212) 555-0123", "US", "+12125550123")]
    [InlineData("+44 20 7946 0958", "DE", "+442079460958")]
    public void ToE164_DisplayFormattedNumber_ReturnsE164(string raw, string region, string expected)
    {
        Assert.Equal(expected, PhoneNumberNormalizer.ToE164(raw, region));
    }

    [Theory]
    [InlineData("204", "DE", "204")]
    [InlineData(" anonymous ", "DE", "anonymous")]
    public void ToE164_NotAPhoneNumber_ReturnsTrimmedOriginal(string raw, string region, string expected)
    {
        Assert.Equal(expected, PhoneNumberNormalizer.ToE164(raw, region));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ToE164_Empty_ReturnsNull(string? raw)
    {
        Assert.Null(PhoneNumberNormalizer.ToE164(raw, "DE"));
    }
}
