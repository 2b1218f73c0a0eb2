namespace Portal.Data.Entities;

/// <summary>An SMS or e-mail Portal wanted to send. With no provider configured this is where it ends up.</summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public int ClubId { get; set; }

    /// <summary>sms or email.</summary>
    public required string Channel { get; set; }

    public required string Recipient { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>What it is for: registration_password, otp, welcome.</summary>
    public required string Purpose { get; set; }

    public DateTime CreatedAt { get; set; }
}
