namespace Portal.Features.Schema;

/// <summary>A consent definition of a club, as the rules and the schema answer see it.</summary>
public record SchemaConsent(int Id, string Key, string Title, string Description, int Version, bool Active);
