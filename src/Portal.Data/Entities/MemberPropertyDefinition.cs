namespace Portal.Data.Entities;

/// <summary>
/// One property of a club's member schema (what Placewise calls the schema). Values are stored in
/// <see cref="Member.PropertiesJson"/>, so adding a property needs no migration.
/// </summary>
public class MemberPropertyDefinition
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    public LoyaltyClub? Club { get; set; }

    /// <summary>snake_case key used in the member JSON, e.g. <c>first_name</c>.</summary>
    public required string Key { get; set; }

    public required string Label { get; set; }

    /// <summary>One of <see cref="MemberPropertyType"/>.</summary>
    public required string Type { get; set; }

    public bool Required { get; set; }

    /// <summary>JSON array of allowed values for choice types; null otherwise.</summary>
    public string? ChoicesJson { get; set; }

    /// <summary>Order in forms and in the schema answer.</summary>
    public int Position { get; set; }

    /// <summary>Every club has the built-in properties; they can be relabelled or required, not removed.</summary>
    public bool BuiltIn { get; set; }
}
