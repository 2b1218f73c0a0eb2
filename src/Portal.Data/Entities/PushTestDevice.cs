namespace Portal.Data.Entities;

/// <summary>A phone the club's marketers test pushes on, kept by its token and Firebase project.</summary>
public class PushTestDevice
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    public required string Label { get; set; }

    public required string Token { get; set; }

    public required string FirebaseProjectSlug { get; set; }

    public string? Platform { get; set; }

    public DateTime CreatedAt { get; set; }
}
