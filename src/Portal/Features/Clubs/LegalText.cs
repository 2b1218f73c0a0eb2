namespace Portal.Features.Clubs;

/// <summary>
/// One text of a club's Show Legal Information: a consent or terms definition as admins wrote it in Settings, in
/// its current version, with when that version was written (UTC).
/// </summary>
public record LegalText(string Kind, string Key, string Title, string Text, int Version, DateTime VersionedAt);
