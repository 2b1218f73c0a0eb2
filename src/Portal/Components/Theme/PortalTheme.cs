using MudBlazor;

namespace Portal.Components.Theme;

/// <summary>
/// The club look: the indigo the admins know from the first Portal pages, on a light grey surface, and a dark
/// palette for browsers that ask for it. System fonts only: a web font would need a CDN the CSP keeps out.
/// </summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4340d2",
            Secondary = "#e14f7c",
            AppbarBackground = "#4340d2",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.78)",
            DrawerIcon = "rgba(0,0,0,0.6)",
            TextSecondary = "#5f6368",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8f8cff",
            Secondary = "#ff7ea6",
            AppbarBackground = "#24233a",
            Background = "#17171f",
            Surface = "#202029",
            DrawerBackground = "#1c1c25",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
        },
    };
}
