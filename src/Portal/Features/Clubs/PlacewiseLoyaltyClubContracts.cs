using System.Text.Json.Serialization;
using Portal.Features.Members;

namespace Portal.Features.Clubs;

// Show Loyalty Club, List Loyalty Clubs and Show Legal Information. The seed lists these pages in its navigation
// but its text has none of their bodies: the names are Portal's, in the seed's snake_case.

/// <summary>A loyalty club as Show Loyalty Club and List Loyalty Clubs answer it.</summary>
public record PlacewiseLoyaltyClubDocument(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("default_language")] string DefaultLanguage,
    [property: JsonPropertyName("time_zone")] string TimeZone)
{
    public static PlacewiseLoyaltyClubDocument From(ClubSummary club) => new(club.Id, club.Slug, club.Name, club.DefaultLanguage, club.TimeZone);
}

/// <summary><c>{"loyalty_clubs": [...]}</c>.</summary>
public record PlacewiseLoyaltyClubListDocument([property: JsonPropertyName("loyalty_clubs")] IReadOnlyList<PlacewiseLoyaltyClubDocument> LoyaltyClubs);

/// <summary><c>{"terms": [...], "consents": [...]}</c>: the current version of each text the club asks members to accept or answer.</summary>
public record PlacewiseLegalInformationDocument(
    [property: JsonPropertyName("terms")] IReadOnlyList<PlacewiseLegalTextDocument> Terms,
    [property: JsonPropertyName("consents")] IReadOnlyList<PlacewiseLegalTextDocument> Consents);

/// <summary>
/// One legal text: the consent key members answer under (as in the member JSON's <c>consents</c>), its title, the
/// full text, its version (the one a member's answer records) and when that version was written (UTC).
/// </summary>
public record PlacewiseLegalTextDocument(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("updated_at")] string UpdatedAt)
{
    public static PlacewiseLegalTextDocument From(LegalText text) => new(text.Key, text.Title, text.Text, text.Version, PlacewiseMemberJson.Utc(text.VersionedAt));
}
