namespace Portal.Data.Entities;

/// <summary>
/// A club-scoped API key. Only the SHA-256 of the key is stored; <see cref="Prefix"/> is the public
/// part of the key that finds the row without a scan.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    public LoyaltyClub? Club { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string SecretHash { get; set; }

    /// <summary>Comma-separated permit names, e.g. <c>BL:Api:Members:Create</c>.</summary>
    public string Permits { get; set; } = "";

    /// <summary>When set, the key acts for this one account only (Centrapay style).</summary>
    public string? AccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
