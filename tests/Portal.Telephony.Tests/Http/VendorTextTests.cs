using Portal.Telephony.Http;

namespace Portal.Telephony.Tests.Http;

public sealed class VendorTextTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("  \n ", null)]
    [InlineData(" Invalid API key ", "Invalid API key")]
    [InlineData("line one\r\nline two\tend", "line one  line two end")]
    public void Message_ShortText_IsTrimmedOnOneLine(string? text, string? expected)
    {
        Assert.Equal(expected, VendorText.Message(text));
    }

    [Fact]
    public void Message_LongText_IsCutAtTheLimitWithAnEllipsis()
    {
        var message = VendorText.Message(new string('a', 1000))!;

        Assert.Equal(new string('a', VendorText.MaxMessageLength) + "…", message);
    }

    [Fact]
    public void Message_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var message = VendorText.Message(new string('a', VendorText.MaxMessageLength - 1) + "😀😀")!;

        Assert.Equal(new string('a', VendorText.MaxMessageLength - 1) + "…", message);
    }
}
