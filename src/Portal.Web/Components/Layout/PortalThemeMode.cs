namespace Portal.Web.Components.Layout;

/// <summary>
/// Whether the portal shows its dark theme: cascaded by <see cref="MainLayout"/> to components that draw their own
/// colors (charts) and so must follow the dark-mode toggle.
/// </summary>
public sealed record PortalThemeMode(bool IsDark);
