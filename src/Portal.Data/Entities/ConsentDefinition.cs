namespace Portal.Data.Entities;

/// <summary>A consent the club asks its members for. Editing the text raises <see cref="Version"/>.</summary>
public class ConsentDefinition
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    public LoyaltyClub? Club { get; set; }

    public required string Key { get; set; }

    public required string Title { get; set; }

    /// <summary>The text shown to members when they are asked.</summary>
    public string Description { get; set; } = "";

    public int Version { get; set; } = 1;

    /// <summary><see cref="ConsentKind.Consent"/> or <see cref="ConsentKind.Terms"/>.</summary>
    public string Kind { get; set; } = ConsentKind.Consent;

    /// <summary>
    /// When the current <see cref="Version"/> of the text was written; <see cref="UpdatedAt"/> also moves when the
    /// consent is only switched on or off, so it cannot date the text.
    /// </summary>
    public DateTime VersionedAt { get; set; }

    /// <summary>Inactive consents are no longer asked for; answers already given are kept.</summary>
    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
