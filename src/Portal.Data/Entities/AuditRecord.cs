namespace Portal.Data.Entities;

/// <summary>Who did what, when and from where. Holds no personal data of members and no secrets.</summary>
public class AuditRecord
{
    public long Id { get; set; }

    public int? ClubId { get; set; }

    public DateTime At { get; set; }

    /// <summary>admin, api_key, member, cli, system or anonymous.</summary>
    public required string ActorType { get; set; }

    public string? ActorId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>e.g. member.deleted.</summary>
    public required string Action { get; set; }

    /// <summary>e.g. member:42.</summary>
    public string? Target { get; set; }

    public string? Details { get; set; }

    public string? RemoteIp { get; set; }

    /// <summary>Where the action came in: page, api, cli or system.</summary>
    public string Channel { get; set; } = "";
}
