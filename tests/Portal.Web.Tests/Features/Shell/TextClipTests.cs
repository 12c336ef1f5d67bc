using Portal.Web.Reporting;
using Portal.Web.Hosting;
using Portal.Web.Tests.Features.Dashboards;

namespace Portal.Web.Tests.Features.Shell;

public class TextClipTests
{
    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("ab😀cd", 3, "ab")]
    [InlineData("ab😀cd", 4, "ab😀")]
    [InlineData("😀", 1, "")]
    [InlineData("abc", 0, "")]
    public void ToLength_NeverEndsInHalfASurrogatePair(string text, int maxLength, string expected)
    {
        Assert.Equal(expected, TextClip.ToLength(text, maxLength));
    }

    [Fact]
    public void CallFilterQuery_SearchCutInsideAnEmoji_KeepsNoHalfOfIt()
    {
        var (filter, _) = CallFilterQuery.Parse("?q=" + Uri.EscapeDataString(new string('9', 99) + "😀") + "&text="
            + Uri.EscapeDataString(new string('w', 199) + "😀"), DashboardFilterQueryTests.Today);

        Assert.Equal(new string('9', 99), filter.Search);
        Assert.Equal(new string('w', 199), filter.Text);
    }
}
