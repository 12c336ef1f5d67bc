using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Tests;

/// <summary>Starts outside Development: what a real deployment must configure, and the refusal of a start that lacks it.</summary>
public static class ProductionStart
{
    public const string Environment = "Production";

    /// <summary>A real start: an external provider (its metadata is only fetched at the first sign-in) and a key certificate.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(TestCertificates.Shared.PfxSettings())
        {
            ["Authentication:Authority"] = "https://login.example.test/realms/company/",
            ["Authentication:ClientSecret"] = "secret-issued-by-the-provider",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>The start is refused: returns the <see cref="OptionsValidationException"/> it stopped with.</summary>
    public static OptionsValidationException Refusal(Dictionary<string, string?> settings, string environment = Environment)
    {
        var thrown = Record.Exception(() => PortalAppFactory.With(settings, environment).Dispose());
        var refusal = StartupRefusal.Find(thrown);
        Assert.True(refusal is not null, $"The start was not refused by a setting: {thrown?.ToString() ?? "it started"}");
        Assert.DoesNotContain('\n', refusal.Message);
        return refusal;
    }
}
