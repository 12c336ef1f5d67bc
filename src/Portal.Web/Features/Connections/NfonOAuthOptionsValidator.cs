using Microsoft.Extensions.Options;
using static Portal.Web.Hosting.SettingRules;

namespace Portal.Web.Features.Connections;

/// <summary>"Connect with NFON" is configured completely (both https endpoints and the client id) or not at all.</summary>
public sealed class NfonOAuthOptionsValidator : IValidateOptions<NfonOAuthOptions>
{
    private const string Prefix = NfonOAuthOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, NfonOAuthOptions options)
    {
        var any = new[] { options.AuthorizeUrl, options.TokenUrl, options.ClientId }.Any(v => !string.IsNullOrWhiteSpace(v));
        return Result(
            AbsoluteUrl(Prefix + nameof(options.AuthorizeUrl), options.AuthorizeUrl),
            AbsoluteUrl(Prefix + nameof(options.TokenUrl), options.TokenUrl),
            any ? Required(Prefix + nameof(options.AuthorizeUrl), options.AuthorizeUrl, "NFON's authorization endpoint (or none of Portal:Nfon)") : null,
            any ? Required(Prefix + nameof(options.TokenUrl), options.TokenUrl, "NFON's token endpoint (or none of Portal:Nfon)") : null,
            any ? Required(Prefix + nameof(options.ClientId), options.ClientId, "the client id NFON issued (or none of Portal:Nfon)") : null);
    }
}
