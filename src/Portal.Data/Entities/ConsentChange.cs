namespace Portal.Data.Entities;

/// <summary>
/// One change of one member's consent, kept as proof (GDPR art. 7): what was answered, to which version
/// of the text, when, through which channel and by whom. Erasing the member keeps the record, unlinked.
/// </summary>
public class ConsentChange
{
    public long Id { get; set; }

    public int ClubId { get; set; }

    /// <summary>Null once the member has been erased.</summary>
    public long? MemberId { get; set; }

    public int ConsentDefinitionId { get; set; }

    public ConsentDefinition? Definition { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>Null when the member had never answered.</summary>
    public bool? OldStatus { get; set; }

    public bool NewStatus { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>portal, api or import.</summary>
    public required string Channel { get; set; }

    /// <summary>The app or client name for API changes (X-Product-Name), else null.</summary>
    public string? ClientName { get; set; }

    /// <summary>admin, api_key, member or system.</summary>
    public required string ActorType { get; set; }

    public string? ActorId { get; set; }

    /// <summary>Admin e-mail or API key name; never the member's own personal data.</summary>
    public string? ActorName { get; set; }
}
