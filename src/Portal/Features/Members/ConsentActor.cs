using System.Globalization;

namespace Portal.Features.Members;

/// <summary>Who changed a member's data and through which channel; recorded with every consent change.</summary>
public record ConsentActor(string Channel, string ActorType, string? ActorId, string? ActorName, string? ClientName = null)
{
    /// <summary>Where the change came from, for the audit log; not part of the consent history.</summary>
    public string? RemoteIp { get; init; }

    public const string PortalChannel = "portal";
    public const string ApiChannel = "api";
    public const string ImportChannel = "import";

    public static ConsentActor Admin(string userId, string email) => new(PortalChannel, "admin", userId, email);

    public static ConsentActor ApiKey(int keyId, string keyName, string? clientName) => new(ApiChannel, "api_key", keyId.ToString(CultureInfo.InvariantCulture), keyName, clientName);

    public static ConsentActor Member(long memberId, string? clientName) => new(ApiChannel, "member", memberId.ToString(CultureInfo.InvariantCulture), null, clientName);

    public static readonly ConsentActor Import = new(ImportChannel, "system", null, "Portal import");
}
