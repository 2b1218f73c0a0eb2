using Portal.Data.Entities;
using Portal.Features.Schema;
using Portal.Features.Outbox;

namespace Portal.Features.Members;

/// <summary>
/// An e-mail address or a mobile number as a request names a member by it, and the channel a code for it goes by
/// (e-mail to an address, SMS to a number).
/// </summary>
public sealed record MemberAddress(string Property, string? Text)
{
    public static MemberAddress Email(string? text) => new(BuiltInProperties.Email, text);

    public static MemberAddress Msisdn(string? text) => new(BuiltInProperties.Msisdn, text);

    public bool IsEmail => Property == BuiltInProperties.Email;

    public string Channel => IsEmail ? OutboxSender.Email : OutboxSender.Sms;

    /// <summary>As members are stored (lower-cased e-mail, E.164 digits), or null when it is not a valid one.</summary>
    public string? Normalized => IsEmail ? IdentityNormalizer.Email(Text) : IdentityNormalizer.Msisdn(Text);

    /// <summary>The member(s) with this address, by the one lookup rule (<see cref="MemberIdentifier.Matching"/>): none when it is not valid.</summary>
    public IQueryable<Member> Find(IQueryable<Member> members) => members.Matching(IsEmail ? MemberIdentifier.Email : MemberIdentifier.Msisdn, Text ?? "");
}
