namespace Portal.Data.Entities;

/// <summary>
/// An OAuth access token and its refresh token for one member. Both are random and stored as SHA-256
/// hashes only.
/// </summary>
public class MemberAccessToken
{
    public long Id { get; set; }

    public long MemberId { get; set; }

    public Member? Member { get; set; }

    /// <summary>The API key (application) the token was issued through.</summary>
    public int? ApiKeyId { get; set; }

    public required string AccessTokenHash { get; set; }

    public required string RefreshTokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime RefreshExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
