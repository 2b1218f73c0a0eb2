using System.Text.Json.Serialization;

namespace Portal.Features.Schema;

// For the OpenAPI document; the endpoints build their JSON by hand (see Features/Placewise/PlacewiseContracts.cs).

public record PlacewiseSchemaDocument(
    [property: JsonPropertyName("default_language")] string DefaultLanguage,
    [property: JsonPropertyName("properties")] PlacewiseSchemaProperty[] Properties,
    [property: JsonPropertyName("consents")] PlacewiseSchemaConsent[] Consents);

public record PlacewiseSchemaProperty(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("choices")] string[] Choices);

public record PlacewiseSchemaConsent(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("version")] int Version);
