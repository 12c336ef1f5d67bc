using Portal.Web.Reporting.Spreadsheets;

namespace Portal.Web.Tests.Features.Exports;

public class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"Click\")", "'=HYPERLINK(\"https://evil.example\",\"Click\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("Anna Smith", "Anna Smith")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Cell_RiskyStart_GetsQuotePrefix(string text, string expected) => Assert.Equal(expected, SpreadsheetText.Cell(text));

    [Theory]
    [InlineData("+4930123456", "+4930123456")]
    [InlineData("0301234567", "0301234567")]
    [InlineData("+49 (30) 123-45", "+49 (30) 123-45")]
    [InlineData("108", "108")]
    [InlineData("-2", "'-2")]
    [InlineData("+", "'+")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("anonymous", "anonymous")]
    public void Number_PlainNumbersStay_AnythingElseIsNeutralized(string text, string expected) => Assert.Equal(expected, SpreadsheetText.Number(text));

    // A carriage return would become a line feed in XML; "_xHHHH_" is how SpreadsheetML escapes characters, so text that
    // looks like one keeps its underscore escaped (as Excel writes it; ClosedXML 0.95 decodes only the first form).
    [Theory]
    [InlineData("'\rx", "'_x000D_x")]
    [InlineData("a\r\nb", "a_x000D_\nb")]
    [InlineData("x_x0041_y", "x_x005F_x0041_y")]
    [InlineData("snake_case_x", "snake_case_x")]
    [InlineData("plain", "plain")]
    public void EscapeForSpreadsheetMl_CarriageReturnAndEscapeLookalikes_AreEscaped(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.EscapeForSpreadsheetMl(text));

    [Fact]
    public void Cell_ControlCharactersAndLoneSurrogates_AreReplaced()
    {
        Assert.Equal("a\uFFFDb\uFFFDc\t\n😀", SpreadsheetText.Cell("a\u0001b\uD800c\t\n😀"));
    }

    [Fact]
    public void Cell_LongerThanExcelHolds_IsCut()
    {
        Assert.Equal(SpreadsheetText.MaxCellLength, SpreadsheetText.Cell(new string('x', 40_000)).Length);
    }

    [Fact]
    public void Cell_SurrogatePairAcrossTheCut_IsLeftOutWhole()
    {
        var text = new string('x', SpreadsheetText.MaxCellLength - 1) + "😀" + "tail";

        var cell = SpreadsheetText.Cell(text);

        Assert.Equal(new string('x', SpreadsheetText.MaxCellLength - 1), cell);
    }

    [Fact]
    public void Cell_SurrogatePairEndingAtTheCut_IsKept()
    {
        var text = new string('x', SpreadsheetText.MaxCellLength - 2) + "😀" + "tail";

        Assert.EndsWith("😀", SpreadsheetText.Cell(text), StringComparison.Ordinal);
        Assert.Equal(SpreadsheetText.MaxCellLength, SpreadsheetText.Cell(text).Length);
    }
}
