using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: keeps cookies, follows redirects one by one
/// (so tests can see them), and fills in the development provider's login form. Given the cookies of another
/// client, it continues that browser's session (e.g. after a restart).
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = baseAddress };
    }

    /// <summary>The browser's cookies (to copy a session, or to open a WebSocket with it).</summary>
    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>Follows redirects from <paramref name="path"/> until a page that is not a redirect.</summary>
    public async Task<HttpResponseMessage> GetFollowingAsync(string path)
    {
        var response = await _http.GetAsync(path);
        for (var hops = 0; IsRedirect(response) && hops < 15; hops++)
        {
            var next = new Uri(_http.BaseAddress!, response.Headers.Location!);
            response.Dispose();
            response = await _http.GetAsync(next);
        }
        return response;
    }

    /// <summary>Opens <paramref name="path"/>, signs in on the provider's form, and returns the page the portal then shows.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password, string path = "/")
    {
        var loginPage = await GetFollowingAsync(path);
        var html = await loginPage.Content.ReadAsStringAsync();
        var form = ReadForm(html);
        form["username"] = username;
        form["password"] = password;
        var posted = await _http.PostAsync(new Uri(loginPage.RequestMessage!.RequestUri!, FormAction().Match(html).Groups[1].Value), new FormUrlEncodedContent(form));
        return IsRedirect(posted) ? await GetFollowingAsync(posted.Headers.Location!.ToString()) : posted;
    }

    /// <summary>The page's HTML, or a failure that shows what the server said instead.</summary>
    public static async Task<string> ReadOkHtmlAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    public static Dictionary<string, string> ReadForm(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<form method="post" action="([^"]+)">""")]
    private static partial Regex FormAction();

    public void Dispose() => _http.Dispose();
}
