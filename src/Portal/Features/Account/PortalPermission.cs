namespace Portal.Features.Account;

/// <summary>What a back-office user may do. Each page action asks for one of these on the server.</summary>
public enum PortalPermission
{
    /// <summary>Read members, consents, devices, applets and the dashboard.</summary>
    Read,
    /// <summary>Download member lists (CSV).</summary>
    ExportMembers,
    /// <summary>Compose, dry-run and send pushes; keep templates and test devices.</summary>
    UsePushConsole,
    /// <summary>Create, edit, ban and change consents of members.</summary>
    EditMembers,
    /// <summary>Erase members.</summary>
    DeleteMembers,
    /// <summary>Download everything Portal holds about one member (access and portability requests).</summary>
    ExportMemberData,
    /// <summary>Revoke device tokens and clean up invalid ones.</summary>
    ManageDevices,
    /// <summary>Create and edit applets and their memberships.</summary>
    ManageApplets,
    /// <summary>Member schema, consent definitions, Firebase projects and API keys.</summary>
    ManageSettings,
    /// <summary>Create users, set roles and club grants, disable, reset.</summary>
    ManageUsers,
    /// <summary>Read the audit log and the outbox.</summary>
    ReadAudit,
}

/// <summary>The role matrix: which roles hold which permission. Pages and endpoints check it on the server.</summary>
public static class PortalPermissions
{
    private static readonly IReadOnlyDictionary<PortalPermission, string[]> Matrix = new Dictionary<PortalPermission, string[]>
    {
        [PortalPermission.Read] = [PortalRoles.Admin, PortalRoles.Marketer, PortalRoles.Viewer],
        [PortalPermission.ExportMembers] = [PortalRoles.Admin, PortalRoles.Marketer],
        [PortalPermission.UsePushConsole] = [PortalRoles.Admin, PortalRoles.Marketer],
        [PortalPermission.EditMembers] = [PortalRoles.Admin],
        [PortalPermission.DeleteMembers] = [PortalRoles.Admin],
        [PortalPermission.ExportMemberData] = [PortalRoles.Admin],
        [PortalPermission.ManageDevices] = [PortalRoles.Admin],
        [PortalPermission.ManageApplets] = [PortalRoles.Admin],
        [PortalPermission.ManageSettings] = [PortalRoles.Admin],
        [PortalPermission.ManageUsers] = [PortalRoles.Admin],
        [PortalPermission.ReadAudit] = [PortalRoles.Admin],
    };

    public static IReadOnlyList<string> RolesFor(PortalPermission permission) => Matrix[permission];

    public static bool Allows(IEnumerable<string> roles, PortalPermission permission) => roles.Any(Matrix[permission].Contains);

    /// <summary>For <c>[Authorize(Roles = ...)]</c>: the roles of a permission, comma-separated.</summary>
    public static string RoleList(PortalPermission permission) => string.Join(',', Matrix[permission]);
}
