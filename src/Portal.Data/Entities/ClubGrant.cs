namespace Portal.Data.Entities;

/// <summary>Gives one user access to one club. A user sees only the clubs granted to them.</summary>
public class ClubGrant
{
    public required string UserId { get; set; }

    public PortalUser? User { get; set; }

    public int ClubId { get; set; }

    public LoyaltyClub? Club { get; set; }

    public DateTime GrantedAt { get; set; }
}
