using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>Checks shared by the validators, each giving the setting's full name and what is allowed.</summary>
public static class SettingRules
{
    /// <summary>Null when <paramref name="value"/> is empty or an absolute https URL (http too when <paramref name="allowHttp"/>).</summary>
    public static string? AbsoluteUrl(string key, string? value, bool allowHttp = false, string? example = null)
    {
        if (string.IsNullOrWhiteSpace(value)
            || (Uri.TryCreate(value, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
                && !string.IsNullOrEmpty(uri.Host)))
        {
            return null;
        }
        return $"{key} is '{value}', not an absolute {(allowHttp ? "http or https" : "https")} URL{(example is null ? "" : " such as " + example)}.";
    }

    /// <summary>Null when <paramref name="value"/> lies within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static string? Duration(string key, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value >= min && value <= max ? null : $"{key} is {value:c}; allowed: from {min:c} to {max:c}.";

    /// <summary>Null when <paramref name="value"/> is not blank.</summary>
    public static string? Required(string key, string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? $"{key} is empty; set {what}." : null;

    /// <summary>The validation result of the rules' messages (null meaning "fine").</summary>
    public static ValidateOptionsResult Result(params string?[] failures)
    {
        var found = failures.OfType<string>().ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
