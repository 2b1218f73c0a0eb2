using Microsoft.AspNetCore.Identity;

namespace Portal.Data.Entities;

/// <summary>A back-office user (admin, marketer or viewer). The user name is the e-mail address.</summary>
public class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The club the user last switched to; null means "the first club granted".</summary>
    public int? CurrentClubId { get; set; }

    public LoyaltyClub? CurrentClub { get; set; }

    public List<ClubGrant> ClubGrants { get; set; } = [];
}
