namespace Portal.Data.Entities;

/// <summary>A push composed once and kept for the club's marketers to load again.</summary>
public class PushTemplate
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    public required string Name { get; set; }

    /// <summary>The composed push (PushContent) as JSON.</summary>
    public required string ContentJson { get; set; }

    public DateTime UpdatedAt { get; set; }
}
