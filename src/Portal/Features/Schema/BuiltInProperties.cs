using Portal.Data.Entities;

namespace Portal.Features.Schema;

/// <summary>The properties every club's member schema has; their columns are indexed for search.</summary>
public static class BuiltInProperties
{
    public const string Email = "email";
    public const string Msisdn = "msisdn";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Birthday = "birthday";
    public const string Language = "language";

    private static readonly (string Key, string Label, string Type)[] Definitions =
    [
        (Email, "Email", MemberPropertyType.Email),
        (Msisdn, "Mobile number", MemberPropertyType.Msisdn),
        (FirstName, "First name", MemberPropertyType.String),
        (LastName, "Last name", MemberPropertyType.String),
        (Birthday, "Birthday", MemberPropertyType.Date),
        (Language, "Language", MemberPropertyType.String),
    ];

    public static bool IsBuiltIn(string key) => Definitions.Any(d => d.Key == key);

    /// <summary>New rows for a club that has none yet.</summary>
    public static IEnumerable<MemberPropertyDefinition> For(LoyaltyClub club) =>
        Definitions.Select((d, i) => new MemberPropertyDefinition
        {
            Club = club,
            Key = d.Key,
            Label = d.Label,
            Type = d.Type,
            Position = i,
            BuiltIn = true,
        });
}
