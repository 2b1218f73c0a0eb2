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

    /// <summary>When an admin disabled the account; a disabled user cannot sign in and open sessions end.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>An admin requires an authenticator app: the user must set one up before using Portal.</summary>
    public bool TwoFactorRequired { get; set; }

    public List<ClubGrant> ClubGrants { get; set; } = [];
}
