using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.OneTimeCodes;
using Portal.Features.Outbox;

namespace Portal.Features.MemberVerification;

/// <summary>What a member can verify: their e-mail address (by e-mail) or their mobile number (by SMS).</summary>
public enum VerifiableAddress
{
    Email,
    Msisdn,
}

/// <summary>How sending or checking a verification code ended.</summary>
public enum MemberVerificationOutcome
{
    Done,
    MemberNotFound,
    /// <summary>The member has no e-mail address (or mobile number) to verify.</summary>
    NoAddress,
    /// <summary>The code is wrong, expired, used, tried five times, or was sent to an address the member no longer has.</summary>
    CodeInvalid,
}

/// <summary>
/// A member proves their e-mail address or mobile number with a code sent there. The proof belongs to the address:
/// <see cref="MemberService"/> clears it when the address changes.
/// </summary>
public class MemberVerificationService(IDbContextFactory<PortalDbContext> dbFactory, OneTimeCodeService codes, AuditLog audit, TimeProvider clock)
{
    /// <summary>Send Verification Email / SMS: a code to the member's current address (<paramref name="kind"/>).</summary>
    public async Task<MemberVerificationOutcome> SendAsync(int clubId, long memberId, VerifiableAddress kind, CancellationToken ct = default)
    {
        var email = kind == VerifiableAddress.Email;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId && m.ClubId == clubId)
            .Select(m => new { m.Email, m.Msisdn }).SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return MemberVerificationOutcome.MemberNotFound;
        }
        var address = email ? member.Email : member.Msisdn;
        if (address is null)
        {
            return MemberVerificationOutcome.NoAddress;
        }
        await codes.AddAsync(db, clubId, Purpose(email), email ? OutboxSender.Email : OutboxSender.Sms, address, deliver: true, ct);
        await db.SaveChangesAsync(ct);
        return MemberVerificationOutcome.Done;
    }

    /// <summary>Verify Email / MSISDN: marks the address verified when <paramref name="code"/> is the newest code sent to it.</summary>
    public async Task<MemberVerificationOutcome> VerifyAsync(int clubId, long memberId, VerifiableAddress kind, string? code, Actor actor, CancellationToken ct = default)
    {
        var email = kind == VerifiableAddress.Email;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        if (member is null)
        {
            return MemberVerificationOutcome.MemberNotFound;
        }
        var address = email ? member.Email : member.Msisdn;
        if (address is null)
        {
            return MemberVerificationOutcome.NoAddress;
        }
        // Only a code sent to the address the member has now proves it.
        var verified = await codes.ConsumeAsync(db, clubId, Purpose(email), [address], code, ct);
        if (verified)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (email)
            {
                member.EmailVerifiedAt = now;
            }
            else
            {
                member.MsisdnVerifiedAt = now;
            }
            member.MarkChanged(now);
            audit.Add(db, email ? AuditActions.MemberEmailVerified : AuditActions.MemberMsisdnVerified, actor, clubId, $"member:{memberId}");
        }
        // Saved either way: a wrong code's try counts.
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return verified ? MemberVerificationOutcome.Done : MemberVerificationOutcome.CodeInvalid;
    }

    private static string Purpose(bool email) => email ? OneTimeCodeService.EmailVerification : OneTimeCodeService.MsisdnVerification;
}
