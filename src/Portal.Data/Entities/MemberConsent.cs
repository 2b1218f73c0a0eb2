namespace Portal.Data.Entities;

/// <summary>A member's current answer to one consent. A consent never answered has no row.</summary>
public class MemberConsent
{
    public long MemberId { get; set; }

    public Member? Member { get; set; }

    public int ConsentDefinitionId { get; set; }

    public ConsentDefinition? Definition { get; set; }

    public bool Status { get; set; }

    public DateTime UpdatedAt { get; set; }
}
