using Portal.Data.Entities;
using Portal.Features.Schema;

namespace Portal.Features.Members;

/// <summary>
/// The one rule for finding a member by an identifier a client sends (an id, an e-mail address or a mobile
/// number): exact on the normalised form members are stored in, so every lookup agrees with uniqueness.
/// </summary>
public static class MemberIdentifier
{
    public const string Id = "id";
    public const string Email = "email";
    public const string Msisdn = "msisdn";

    /// <summary>
    /// The members whose identifier of this type matches: at most one per club. An identifier that does not
    /// normalise (or an unknown type) matches nobody.
    /// </summary>
    public static IQueryable<Member> Matching(this IQueryable<Member> members, string identifierType, string identifier) => identifierType switch
    {
        Id when long.TryParse(identifier, out var id) => members.Where(m => m.Id == id),
        Email when IdentityNormalizer.Email(identifier) is { } email => members.Where(m => m.Email == email),
        Msisdn when IdentityNormalizer.Msisdn(identifier) is { } msisdn => members.Where(m => m.Msisdn == msisdn),
        _ => members.Where(_ => false),
    };
}
