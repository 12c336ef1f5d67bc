using Portal.Web.Auth;

namespace Portal.Web.Tests.Auth;

public class LocalRedirectTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/calls?from=2026-01-01", "/calls?from=2026-01-01")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/ok\r\nLocation: https://evil.example", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void Sanitize_ReturnUrl_KeepsOnlyLocalPaths(string? returnUrl, string expected)
    {
        Assert.Equal(expected, LocalRedirect.Sanitize(returnUrl));
    }
}
