namespace Portal.Data.Entities;

/// <summary>What a <see cref="ConsentDefinition"/> asks of members, as Show Legal Information groups them.</summary>
public static class ConsentKind
{
    /// <summary>A permission the member may give or refuse (newsletter, SMS offers, ...).</summary>
    public const string Consent = "consent";

    /// <summary>Terms the member accepts by joining (terms of membership, privacy policy).</summary>
    public const string Terms = "terms";

    public static readonly IReadOnlyList<string> All = [Consent, Terms];
}
