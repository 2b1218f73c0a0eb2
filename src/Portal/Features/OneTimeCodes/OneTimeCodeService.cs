using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Members;
using Portal.Features.Outbox;

namespace Portal.Features.OneTimeCodes;

/// <summary>How a request for a registration code ended.</summary>
public enum RegistrationCodeOutcome
{
    Sent,
    /// <summary>Not a valid e-mail address or mobile number.</summary>
    AddressInvalid,
    /// <summary>A member of the club already has the address.</summary>
    AddressTaken,
}

/// <summary>
/// Short numeric codes sent by SMS or e-mail: registration passwords (prove a channel before joining), one-time
/// sign-in passwords, password reset tokens and e-mail/mobile verification codes. Stored hashed, valid for a
/// limited time, used once, five wrong tries at most, compared in constant time.
/// </summary>
public class OneTimeCodeService(IDbContextFactory<PortalDbContext> dbFactory, OutboxSender outbox, TimeProvider clock)
{
    public const string Registration = "registration";
    public const string SignIn = "otp";
    public const string PasswordReset = "password_reset";
    public const string EmailVerification = "email_verification";
    public const string MsisdnVerification = "msisdn_verification";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    public const int MaxFailedAttempts = 5;

    /// <summary>
    /// Send Registration Password: a code to <paramref name="address"/> (an e-mail by e-mail, a mobile number by SMS)
    /// that proves it belongs to whoever joins with it. Refused for an address that is already a member's in the
    /// club: that person signs in instead.
    /// </summary>
    public async Task<RegistrationCodeOutcome> SendRegistrationCodeAsync(int clubId, MemberAddress address, CancellationToken ct = default)
    {
        if (address.Normalized is not { } destination)
        {
            return RegistrationCodeOutcome.AddressInvalid;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await address.Find(db.Members.AsNoTracking().Where(m => m.ClubId == clubId)).AnyAsync(ct))
        {
            return RegistrationCodeOutcome.AddressTaken;
        }
        await AddAsync(db, clubId, Registration, address.Channel, destination, deliver: true, ct);
        await db.SaveChangesAsync(ct);
        return RegistrationCodeOutcome.Sent;
    }

    /// <summary>
    /// Send OTP: finds the member by <paramref name="knownBy"/> and sends a sign-in code by <paramref name="channel"/>
    /// to the member's own address for it (SMS to their mobile number, e-mail to their e-mail address), never to an
    /// address the request names. False when no member has that address or the member has none for the channel.
    /// </summary>
    public async Task<bool> SendSignInCodeAsync(int clubId, MemberAddress knownBy, string channel, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await knownBy.Find(db.Members.AsNoTracking().Where(m => m.ClubId == clubId))
            .Select(m => new { m.Email, m.Msisdn }).SingleOrDefaultAsync(ct);
        var destination = channel == OutboxSender.Sms ? member?.Msisdn : member?.Email;
        if (destination is null)
        {
            return false;
        }
        await AddAsync(db, clubId, SignIn, channel, destination, deliver: true, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Adds a new code to <paramref name="db"/> and, when <paramref name="deliver"/>, its message to the outbox; the
    /// caller saves. Without delivery the same work is done and the code is stored but sent nowhere, so that an
    /// answer that must not tell whether an address is a member's also takes about as long either way.
    /// </summary>
    public async Task AddAsync(PortalDbContext db, int clubId, string purpose, string channel, string destination, bool deliver, CancellationToken ct = default)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().UtcDateTime;
        var clubName = await db.Clubs.Where(c => c.Id == clubId).Select(c => c.Name).SingleAsync(ct);
        // Only the newest code for a destination and purpose counts: each open code would otherwise bring five
        // more guesses, and every guess is compared with all open codes.
        await db.OneTimeCodes
            .Where(c => c.ClubId == clubId && c.Purpose == purpose && c.Destination == destination && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiresAt, now), ct);
        db.OneTimeCodes.Add(new OneTimeCode
        {
            ClubId = clubId, Purpose = purpose, Destination = destination, CodeHash = Hash(destination, code), CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        if (!deliver)
        {
            return;
        }
        var (what, outboxPurpose) = purpose switch
        {
            Registration => ("registration code", "registration_password"),
            PasswordReset => ("password reset code", PasswordReset),
            EmailVerification => ("e-mail verification code", EmailVerification),
            MsisdnVerification => ("mobile number verification code", MsisdnVerification),
            _ => ("sign-in code", "otp"),
        };
        outbox.Queue(db, clubId, channel, destination, channel == OutboxSender.Email ? $"Your {clubName} {what}" : null,
            $"Your {clubName} {what} is {code}. It is valid for {Lifetime.TotalMinutes:0} minutes.", outboxPurpose);
    }

    /// <summary>
    /// Uses up a valid code sent to one of <paramref name="destinations"/>; false when none matches. A wrong
    /// guess counts against the newest open code of each destination.
    /// </summary>
    public async Task<bool> ConsumeAsync(int clubId, string purpose, IEnumerable<string?> destinations, string code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var consumed = await ConsumeAsync(db, clubId, purpose, destinations, code, ct);
        await db.SaveChangesAsync(ct);
        return consumed;
    }

    /// <summary>
    /// <see cref="ConsumeAsync(int, string, IEnumerable{string?}, string, CancellationToken)"/> in the caller's context,
    /// so that using the code commits with the change it allows; the caller saves (also when it answers false, to
    /// count the wrong try).
    /// </summary>
    public async Task<bool> ConsumeAsync(PortalDbContext db, int clubId, string purpose, IEnumerable<string?> destinations, string? code, CancellationToken ct = default)
    {
        var targets = destinations.OfType<string>().Distinct().ToList();
        if (targets.Count == 0 || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.OneTimeCodes
            .Where(c => c.ClubId == clubId && c.Purpose == purpose && targets.Contains(c.Destination) && c.UsedAt == null && c.ExpiresAt > now && c.FailedAttempts < MaxFailedAttempts)
            .OrderByDescending(c => c.Id)
            .ToListAsync(ct);
        var match = open.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(c.CodeHash), Encoding.ASCII.GetBytes(Hash(c.Destination, code.Trim()))));
        if (match is null)
        {
            foreach (var newest in open.GroupBy(c => c.Destination).Select(g => g.First()))
            {
                newest.FailedAttempts++;
            }
            return false;
        }
        match.UsedAt = now;
        return true;
    }

    /// <summary>
    /// Deletes codes past their expiry (used, superseded or never used): they can no longer be used and only say
    /// who asked for a code when. In batches, so senders are never held up long. Returns how many went.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purged = 0;
        while (true)
        {
            // Ordered by expiry so the batch is read from the ExpiresAt index alone: ordered by Id, SQLite scans the table instead.
            var batch = await db.OneTimeCodes.Where(c => c.ExpiresAt <= now).OrderBy(c => c.ExpiresAt).Take(5_000).Select(c => c.Id).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return purged;
            }
            purged += await db.OneTimeCodes.Where(c => batch.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
    }

    // The destination salts the hash, so equal codes for different people hash differently.
    private static string Hash(string destination, string code) =>
        Sha256Hex.Of($"{destination}\n{code}");
}
