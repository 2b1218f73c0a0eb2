using System.Text.Json.Serialization;

namespace Portal.Features.Members;

/// <summary>
/// Show Member Public Info. The seed's page lost its body, so these are Portal's names, taken from the seed's member
/// JSON: <c>id</c>, <c>person_id</c>, <c>properties.first_name</c> (here <c>first_name</c>, null when unknown) and
/// <c>has_password</c>.
/// </summary>
public record PlacewisePublicInfoDocument(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("person_id")] long PersonId,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("has_password")] bool HasPassword)
{
    public static PlacewisePublicInfoDocument From(MemberPublicInfo info) => new(info.Id, info.PersonId, info.FirstName, info.HasPassword);
}

/// <summary>Show Member Person ID: <c>{"person_id": 42}</c>, the seed member JSON's <c>person_id</c>.</summary>
public record PlacewisePersonIdDocument([property: JsonPropertyName("person_id")] long PersonId);
