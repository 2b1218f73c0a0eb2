using Portal.Features.Members;
using Portal.Features.OneTimeCodes;

namespace Portal.Features.MemberTokens;

/// <summary>How a password sign-in ended; <see cref="MemberSignInService.SignInAsync"/> says which.</summary>
public enum MemberSignInOutcome
{
    Issued,
    BadCredentials,
    Banned,
}

/// <summary>The outcome, with the tokens when <see cref="MemberSignInOutcome.Issued"/> and the ban's end when <see cref="MemberSignInOutcome.Banned"/>.</summary>
public record MemberSignInResult(MemberSignInOutcome Outcome, MemberTokenService.IssuedTokens? Tokens = null, DateTime? BannedUntil = null);

/// <summary>
/// A member signs in with an identifier and a password (the Placewise password grant). The password may be the
/// member's own, a one-time sign-in code or a registration code, tried in that order; a code is used up when it
/// matches. A banned member gets no tokens.
/// </summary>
public class MemberSignInService(MemberService members, MemberTokenService tokens, OneTimeCodeService codes, TimeProvider clock)
{
    public async Task<MemberSignInResult> SignInAsync(int clubId, string identifierType, string? identifier, string? password, int? apiKeyId,
        CancellationToken ct = default)
    {
        if (identifier is null || password is null)
        {
            return new(MemberSignInOutcome.BadCredentials);
        }
        var memberId = await members.FindIdAsync(clubId, identifierType, identifier, ct);
        // Loaded once: the codes are checked against its e-mail and msisdn, and its ban decides the answer.
        var member = memberId is null ? null : await members.FindAsync(clubId, memberId.Value, ct);
        if (member is null || !await PasswordMatchesAsync(clubId, member, password, ct))
        {
            return new(MemberSignInOutcome.BadCredentials);
        }
        if (MemberBan.IsInForce(member.BannedUntil, clock))
        {
            return new(MemberSignInOutcome.Banned, BannedUntil: member.BannedUntil);
        }
        return new(MemberSignInOutcome.Issued, await tokens.IssueAsync(member.Id, apiKeyId, ct));
    }

    // The member's own password first, then a one-time password, then a registration password.
    private async Task<bool> PasswordMatchesAsync(int clubId, MemberView member, string password, CancellationToken ct)
    {
        if (await members.CheckPasswordAsync(clubId, member.Id, password, ct))
        {
            return true;
        }
        var destinations = new[]
        {
            member.Properties["msisdn"]?.GetValue<string>(),
            member.Properties["email"]?.GetValue<string>(),
        };
        return await codes.ConsumeAsync(clubId, OneTimeCodeService.SignIn, destinations, password, ct)
            || await codes.ConsumeAsync(clubId, OneTimeCodeService.Registration, destinations, password, ct);
    }
}
