namespace Portal.Web.Security;

/// <summary>Origins (scheme://host:port, port always written) in one comparable form.</summary>
public static class Origin
{
    public static string Of(Uri uri) => $"{uri.Scheme}://{uri.Host}:{uri.Port}".ToLowerInvariant();

    /// <summary>The origin of this request as the browser sees it (after forwarded headers are applied).</summary>
    public static string Of(HttpRequest request)
    {
        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return $"{request.Scheme}://{request.Host.Host}:{port}".ToLowerInvariant();
    }

    /// <summary>The origin in an Origin header, or null for "null" or anything that is not an http(s) origin.</summary>
    public static string? Parse(string? header) =>
        Uri.TryCreate(header, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Of(uri) : null;
}
