using System.Text.Json.Serialization;

namespace Portal.Features.Placewise;

// The shapes of the Placewise endpoints, for the OpenAPI document. The endpoints build their JSON by hand
// (PlacewiseMemberJson, PlacewiseErrors) so the field order and names are exactly the seed's; these types
// describe the same shapes and a test compares the two.

/// <summary><c>{"error": "..."}</c>, the body of every Placewise error but 422.</summary>
public record PlacewiseErrorDocument([property: JsonPropertyName("error")] string Error);

/// <summary>The 467 body.</summary>
public record PlacewiseBannedDocument(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("banned_until")] string BannedUntil);

/// <summary>The 422 body: one array of errors per property key.</summary>
public class PlacewiseValidationDocument : Dictionary<string, PlacewiseFieldError[]>;

public record PlacewiseMsisdnRequest([property: JsonPropertyName("msisdn")] string Msisdn);

public record PlacewiseEmailRequest([property: JsonPropertyName("email")] string Email);

/// <summary>The empty object <c>{}</c> some endpoints answer.</summary>
public record PlacewiseEmptyDocument;
