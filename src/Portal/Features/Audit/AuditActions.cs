namespace Portal.Features.Audit;

/// <summary>The names of audited actions, as stored in <c>AuditRecords.Action</c> and offered as filters.</summary>
public static class AuditActions
{
    public const string SignedIn = "account.signed_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string LockedOut = "account.locked_out";
    public const string SignedOut = "account.signed_out";
    public const string PasswordChanged = "account.password_changed";
    public const string TwoFactorEnabled = "account.two_factor_enabled";
    public const string TwoFactorDisabled = "account.two_factor_disabled";
    public const string AccessDenied = "access.denied";

    public const string UserCreated = "user.created";
    public const string UserChanged = "user.changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserTwoFactorReset = "user.two_factor_reset";

    public const string ClubCreated = "club.created";

    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";

    public const string MemberCreated = "member.created";
    public const string MemberUpdated = "member.updated";
    public const string MemberDeleted = "member.deleted";
    public const string MemberBanned = "member.banned";
    public const string MemberUnbanned = "member.unbanned";
    public const string MemberExported = "member.exported";
    public const string MembersExported = "members.exported";
    public const string MemberPasswordChanged = "member.password_changed";
    public const string MemberPasswordReset = "member.password_reset";
    public const string MemberEmailVerified = "member.email_verified";
    public const string MemberMsisdnVerified = "member.msisdn_verified";

    public const string DeviceRevoked = "device.revoked";
    public const string DevicesCleanedUp = "devices.cleaned_up";
    public const string AppletSaved = "applet.saved";
    public const string AppletArchived = "applet.archived";
    public const string AppletRestored = "applet.restored";
    public const string MembershipAdded = "applet_membership.added";
    public const string MembershipRemoved = "applet_membership.removed";

    public const string PushSent = "push.sent";
    public const string PushTemplateSaved = "push.template_saved";
    public const string PushTestDeviceSaved = "push.test_device_saved";

    public const string SchemaChanged = "settings.schema_changed";
    public const string ConsentDefinitionSaved = "settings.consent_saved";
    public const string FirebaseProjectSaved = "settings.firebase_project_saved";
    public const string FirebaseProjectRemoved = "settings.firebase_project_removed";

    /// <summary>Every action, for the Audit page's filter.</summary>
    public static readonly IReadOnlyList<string> All = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}
