namespace Portal.Data.Entities;

/// <summary>The tenant: every member, key and setting belongs to exactly one club.</summary>
public class LoyaltyClub
{
    public int Id { get; set; }

    /// <summary>URL name used by the APIs, e.g. <c>infinity-mall</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 639-1 code given to members who do not choose a language.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>IANA time zone id used to show dates to the club's admins.</summary>
    public string TimeZone { get; set; } = "UTC";

    public DateTime CreatedAt { get; set; }

    public List<ClubGrant> Grants { get; set; } = [];
}
