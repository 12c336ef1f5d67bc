using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>
/// The portal's colours. Every text colour reaches 4.5:1 (WCAG 2.1 AA) on the surfaces it is drawn on, including the
/// faint tint behind text-variant chips and alerts; in dark mode the light accent colours carry dark text when filled.
/// The end-to-end accessibility test (axe-core) checks every page in both modes.
/// </summary>
public static class PortalTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00796b",
            AppbarBackground = "#0d3c75",
            Background = "#f5f7fa",
            TextSecondary = "rgba(0,0,0,0.6)",
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#ad5700",
            Info = "#0b6bcb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            PrimaryContrastText = DarkText,
            Secondary = "#4db6ac",
            SecondaryContrastText = DarkText,
            AppbarBackground = "#1a1f2b",
            TextPrimary = "rgba(255,255,255,0.87)", // MudBlazor's 0.70 would leave no room for a readable secondary below it
            TextSecondary = "rgba(255,255,255,0.62)",
            Success = "#6fcf97",
            SuccessContrastText = DarkText,
            Error = "#f2b8b5",
            ErrorContrastText = DarkText,
            WarningContrastText = DarkText,
            Info = "#90caf9",
            InfoContrastText = DarkText,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
