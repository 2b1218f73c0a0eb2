namespace Portal.Features.Schema;

/// <summary>
/// A consent definition of a club, as the rules and the schema answer see it. <see cref="Kind"/> is a
/// <see cref="Portal.Data.Entities.ConsentKind"/>: a consent members give or refuse, or terms they accept by joining.
/// </summary>
public record SchemaConsent(int Id, string Key, string Title, string Description, int Version, bool Active, string Kind);
