using MudBlazor;
using Portal.Features.Account;
using Portal.Features.Members;

namespace Portal.Features.Settings;

/// <summary>
/// The Settings page is Admin-only already; its panels check again before each change because a role can change
/// mid-session. A refusal is said in a snackbar (PortalAccess audits it).
/// </summary>
public static class SettingsGuard
{
    public static async Task<ConsentActor?> RequireAdminAsync(this PortalAccess access, ISnackbar snackbar, int clubId, string what)
    {
        if (await access.RequireAsync(PortalPermission.ManageSettings, clubId) is { } actor)
        {
            return actor;
        }
        snackbar.Add($"Not allowed: only Admins can {what}.", Severity.Error);
        return null;
    }
}
