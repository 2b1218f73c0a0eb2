using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.OneTimeCodes;

namespace Portal.Features.MemberPasswords;

/// <summary>How a password change or reset ended.</summary>
public enum MemberPasswordOutcome
{
    Changed,
    MemberNotFound,
    /// <summary>The new password is missing, blank or shorter than <see cref="MemberPasswordService.MinLength"/>.</summary>
    PasswordTooShort,
    /// <summary>The member has a password and the request did not give it.</summary>
    CurrentPasswordMissing,
    CurrentPasswordWrong,
    /// <summary>The reset token is wrong, expired, used, tried five times, or for an address that is no member's (one answer for all).</summary>
    ResetTokenInvalid,
}

/// <summary>
/// A member's own password: changing it (signed in), and resetting it with a token sent by e-mail or SMS. Either
/// revokes the member's other tokens, so a thief holding one loses it, and is audited in the same transaction.
/// </summary>
public class MemberPasswordService(
    IDbContextFactory<PortalDbContext> dbFactory,
    OneTimeCodeService codes,
    PasswordHashing passwords,
    AuditLog audit,
    TimeProvider clock)
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>The one password rule (Create Member, Update Password, Reset Password): at least eight characters, not all blank.</summary>
    public static bool IsAcceptable(string? password) =>
        password is not null && password.Length >= MinLength && password.Length <= MaxLength && !string.IsNullOrWhiteSpace(password);

    /// <summary>
    /// Update Password: sets <paramref name="newPassword"/> when <paramref name="currentPassword"/> is the member's
    /// password, or without it when the member has none yet (registered by code or social login). Revokes every
    /// token of the member except <paramref name="keepTokenId"/>, the one the request came with.
    /// </summary>
    public async Task<MemberPasswordOutcome> ChangeAsync(int clubId, long memberId, long? keepTokenId, string? currentPassword, string? newPassword,
        Actor actor, CancellationToken ct = default)
    {
        if (!IsAcceptable(newPassword))
        {
            return MemberPasswordOutcome.PasswordTooShort;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.ClubId == clubId, ct);
        if (member is null)
        {
            return MemberPasswordOutcome.MemberNotFound;
        }
        if (member.PasswordHash is not null)
        {
            if (string.IsNullOrEmpty(currentPassword))
            {
                return MemberPasswordOutcome.CurrentPasswordMissing;
            }
            if (await passwords.VerifyAsync(member, member.PasswordHash, currentPassword, ct) == PasswordVerificationResult.Failed)
            {
                return MemberPasswordOutcome.CurrentPasswordWrong;
            }
        }
        await SetPasswordAsync(db, member, newPassword!, keepTokenId, ct);
        audit.Add(db, AuditActions.MemberPasswordChanged, actor, clubId, $"member:{memberId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return MemberPasswordOutcome.Changed;
    }

    /// <summary>
    /// Send Password Reset Token: a code to the address given (an e-mail by e-mail, a mobile number by SMS) when it
    /// is a member's. For any other address the same work is done and nothing is sent, so neither the answer nor,
    /// as far as reasonable, its time tells whether the address is registered. False when the address is not valid.
    /// </summary>
    public async Task<bool> SendResetTokenAsync(int clubId, MemberAddress address, CancellationToken ct = default)
    {
        if (address.Normalized is not { } destination)
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isMember = await address.Find(db.Members.AsNoTracking().Where(m => m.ClubId == clubId)).AnyAsync(ct);
        await codes.AddAsync(db, clubId, OneTimeCodeService.PasswordReset, address.Channel, destination, deliver: isMember, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Reset Password: sets <paramref name="newPassword"/> for the member at <paramref name="address"/> when
    /// <paramref name="token"/> is the newest reset code sent there. The code is used once; a wrong one counts as one
    /// of its five tries. Revokes all the member's tokens.
    /// </summary>
    public async Task<MemberPasswordOutcome> ResetAsync(int clubId, MemberAddress address, string? token, string? newPassword, Actor actor,
        CancellationToken ct = default)
    {
        // Checked first so that a too short password does not use up the code.
        if (!IsAcceptable(newPassword))
        {
            return MemberPasswordOutcome.PasswordTooShort;
        }
        if (address.Normalized is not { } destination)
        {
            return MemberPasswordOutcome.ResetTokenInvalid;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var consumed = await codes.ConsumeAsync(db, clubId, OneTimeCodeService.PasswordReset, [destination], token, ct);
        var member = consumed ? await address.Find(db.Members.Where(m => m.ClubId == clubId)).SingleOrDefaultAsync(ct) : null;
        if (member is not null)
        {
            await SetPasswordAsync(db, member, newPassword!, keepTokenId: null, ct);
            audit.Add(db, AuditActions.MemberPasswordReset, actor, clubId, $"member:{member.Id}", $"by={address.Channel}");
        }
        // Saved either way: a wrong token's try counts.
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member is null ? MemberPasswordOutcome.ResetTokenInvalid : MemberPasswordOutcome.Changed;
    }

    private async Task SetPasswordAsync(PortalDbContext db, Member member, string password, long? keepTokenId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        member.PasswordHash = await passwords.HashAsync(member, password, ct);
        member.PasswordChangedAt = now;
        member.MarkChanged(now);
        await db.MemberAccessTokens
            .Where(t => t.MemberId == member.Id && t.RevokedAt == null && t.Id != keepTokenId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), ct);
    }
}
