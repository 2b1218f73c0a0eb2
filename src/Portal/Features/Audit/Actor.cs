using System.Globalization;
using Portal.Features.Account;

namespace Portal.Features.Audit;

/// <summary>
/// Who asks a use case to do something, through which channel, from which address, and with what authority.
/// Every use case takes one, checks <see cref="May"/> and names it in its audit record (and, for members, in
/// the consent history). Never holds a secret.
/// </summary>
public sealed record Actor(string Type, string? Id, string? Name, string Channel, string? RemoteIp = null, string? ClientName = null)
{
    public const string AdminType = "admin";
    public const string ApiKeyType = "api_key";
    public const string MemberType = "member";
    public const string CliType = "cli";
    public const string SystemType = "system";
    public const string AnonymousType = "anonymous";

    /// <summary>Channels, as stored in <c>AuditRecords.Channel</c>.</summary>
    public const string PageChannel = "page";
    public const string ApiChannel = "api";
    public const string CliChannel = "cli";
    public const string SystemChannel = "system";

    /// <summary>An admin's roles, read from the database for this action.</summary>
    public IReadOnlyCollection<string> Roles { get; init; } = [];

    /// <summary>The clubs the actor may act in: an admin's grants, an API key's or member's one club; null = every club.</summary>
    public IReadOnlyCollection<int>? Clubs { get; init; } = [];

    /// <summary>An API key's permits (the endpoint's attribute checked the one it needs).</summary>
    public IReadOnlyCollection<string> Permits { get; init; } = [];

    /// <summary>
    /// Whether the actor may do what <paramref name="permission"/> covers in <paramref name="clubId"/> (null: no club,
    /// e.g. users). Admins by the role matrix and their club grants; API keys and members in their own club (the
    /// endpoint's attribute checked the permit or that the member acts on itself); the CLI operator and the app always.
    /// </summary>
    public bool May(PortalPermission permission, int? clubId) => Type switch
    {
        CliType or SystemType => true,
        AdminType => InClub(clubId) && PortalPermissions.Allows(Roles, permission),
        ApiKeyType or MemberType => clubId is not null && InClub(clubId),
        _ => false,
    };

    private bool InClub(int? clubId) => clubId is null || Clubs is null || Clubs.Contains(clubId.Value);

    /// <summary>
    /// The channel as the consent history stores it. Its values predate this type and stay as they are:
    /// "portal" for a page, "api", "import" for the app itself, "cli".
    /// </summary>
    public string ConsentChannel => Channel switch
    {
        PageChannel => "portal",
        SystemChannel => "import",
        _ => Channel,
    };

    /// <summary>A signed-in back-office user on a page, with the roles and grants read for this action.</summary>
    public static Actor Admin(string userId, string? email, string? remoteIp, IReadOnlyCollection<string> roles, IReadOnlyCollection<int> clubs) =>
        new(AdminType, userId, email, PageChannel, remoteIp) { Roles = roles, Clubs = clubs };

    /// <summary>A back-office user named by a security event (sign-in, password change); holds no authority.</summary>
    public static Actor User(string userId, string? email, string? remoteIp) => new(AdminType, userId, email, PageChannel, remoteIp);

    /// <summary>Someone who is not signed in, e.g. a failed sign-in; <paramref name="name"/> is what they typed.</summary>
    public static Actor Anonymous(string? name, string? remoteIp) => new(AnonymousType, null, name, PageChannel, remoteIp);

    public static Actor ApiKey(int keyId, string keyName, int clubId, IReadOnlyCollection<string> permits, string? clientName, string? remoteIp) =>
        new(ApiKeyType, keyId.ToString(CultureInfo.InvariantCulture), keyName, ApiChannel, remoteIp, clientName) { Clubs = [clubId], Permits = permits };

    /// <summary>A member acting on its own data with a member token.</summary>
    public static Actor Member(long memberId, int clubId, string? clientName, string? remoteIp) =>
        new(MemberType, memberId.ToString(CultureInfo.InvariantCulture), null, ApiChannel, remoteIp, clientName) { Clubs = [clubId] };

    /// <summary>
    /// The operator at the command line. Shell access to the host is operator access (they could open the
    /// database file), so the CLI may do everything; <paramref name="osUser"/> names who ran it.
    /// </summary>
    public static Actor Cli(string? osUser) => new(CliType, null, osUser, CliChannel) { Clubs = null };

    /// <summary>The app itself (start-up, retention).</summary>
    public static readonly Actor System = new(SystemType, null, "Portal", SystemChannel) { Clubs = null };

    /// <summary>Demo and bulk imports; its consent changes say channel "import".</summary>
    public static readonly Actor Import = new(SystemType, null, "Portal import", SystemChannel) { Clubs = null };
}
