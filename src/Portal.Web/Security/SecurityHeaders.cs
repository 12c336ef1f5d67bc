using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Portal.Web.Security;

/// <summary>
/// Content-Security-Policy, X-Content-Type-Options and Referrer-Policy on every response (pages, endpoints, static
/// files, the development provider's login page), set when the response starts so that error pages get them too.
/// Scripts only from the portal itself, plus the hash of the import map a page renders inline; styles may be inline
/// (MudBlazor and ApexCharts set them). Forms may post (and be redirected) to the portal and its sign-in provider.
/// </summary>
public sealed class SecurityHeaders(IOptionsMonitor<OpenIdConnectOptions> oidc)
{
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private readonly ConditionalWeakTable<ImportMapDefinition, string> _pagePolicies = [];
    private string? _policy;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    // The import map renders its ToString() as the script's text. Built on first use: by then the development
    // provider's address (the server's own) is known.
    private string PolicyFor(ImportMapDefinition? importMap) => importMap is null
        ? _policy ??= Policy(scriptHash: null)
        : _pagePolicies.GetValue(importMap, map => Policy(ScriptHash(map.ToString())));

    private string Policy(string? scriptHash) => string.Join("; ",
        "default-src 'self'",
        scriptHash is null ? "script-src 'self'" : $"script-src 'self' {scriptHash}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action " + FormActionSources());

    /// <summary>'self' and the sign-in provider: the logout POST redirects to its end-session endpoint, and Chrome
    /// checks form-action on redirects after a form submission.</summary>
    private string FormActionSources()
    {
        var authority = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme).Authority;
        return Uri.TryCreate(authority, UriKind.Absolute, out var uri)
            ? $"'self' {uri.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
    }

    /// <summary>The CSP source for an inline script with this exact text.</summary>
    public static string ScriptHash(string script) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'";
}
