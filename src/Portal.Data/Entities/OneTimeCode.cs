namespace Portal.Data.Entities;

/// <summary>A short code sent by SMS or e-mail: a registration password or a one-time sign-in password.</summary>
public class OneTimeCode
{
    public long Id { get; set; }

    public int ClubId { get; set; }

    /// <summary>registration or otp.</summary>
    public required string Purpose { get; set; }

    /// <summary>The normalised msisdn or e-mail the code was sent to.</summary>
    public required string Destination { get; set; }

    public required string CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public int FailedAttempts { get; set; }
}
