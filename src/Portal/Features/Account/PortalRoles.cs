namespace Portal.Features.Account;

/// <summary>The three back-office roles. Roles are global to a user; clubs are granted separately.</summary>
public static class PortalRoles
{
    /// <summary>Everything in the granted clubs, including users and settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads members, consents and devices; uses the push console.</summary>
    public const string Marketer = "Marketer";

    /// <summary>Read-only.</summary>
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Marketer, Viewer];

    /// <summary>Matches a role name case-insensitively and returns its canonical spelling.</summary>
    public static string? Canonical(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
