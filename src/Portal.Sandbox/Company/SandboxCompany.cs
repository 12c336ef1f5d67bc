namespace Portal.Sandbox.Company;

/// <summary>A team of the sandbox company; <see cref="Key"/> is what a supervisor's "team" claim names.</summary>
public sealed record SandboxTeam(string Key, string Name);

/// <summary>An extension of the sandbox company: the same in every vendor's records and in the CTI directory.</summary>
public sealed record SandboxExtension(string Number, string Name, string TeamKey);

/// <summary>
/// The one company all emulated vendors serve: its teams and extensions. Fixed, so that the CTI directory,
/// every vendor's call records and the development users' team claims agree.
/// </summary>
public static class SandboxCompany
{
    /// <summary>The NFON tenant (K-Account) of the company.</summary>
    public const string Tenant = "K1234";

    public static IReadOnlyList<SandboxTeam> Teams { get; } =
    [
        new("sales", "Sales"),
        new("support", "Support"),
        new("accounts", "Accounts"),
    ];

    public static IReadOnlyList<SandboxExtension> Extensions { get; } =
    [
        new("100", "Reception", "support"),
        new("101", "Anna Becker", "sales"),
        new("102", "Ben Schulz", "sales"),
        new("103", "Clara Wagner", "sales"),
        new("104", "David Fischer", "sales"),
        new("105", "Eva Hoffmann", "sales"),
        new("110", "Felix Weber", "support"),
        new("111", "Greta Meyer", "support"),
        new("112", "Hannah Koch", "support"),
        new("113", "Jonas Richter", "support"),
        new("114", "Lena Klein", "support"),
        new("115", "Max Wolf", "support"),
        new("120", "Nina Schröder", "accounts"),
        new("121", "Oskar Neumann", "accounts"),
        new("122", "Paula Schwarz", "accounts"),
        new("123", "Quentin Zimmermann", "accounts"),
    ];

    public static SandboxExtension Extension(string number) => Extensions.Single(e => e.Number == number);
}
