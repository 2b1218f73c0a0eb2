using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.Members;

/// <summary>
/// Short numeric codes sent by SMS or e-mail: registration passwords (prove a channel before joining) and
/// one-time sign-in passwords. Stored hashed, valid for a limited time, used once, five wrong tries at most.
/// </summary>
public class OneTimeCodeService(IDbContextFactory<PortalDbContext> dbFactory, OutboxSender outbox, TimeProvider clock)
{
    public const string Registration = "registration";
    public const string SignIn = "otp";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const int MaxFailedAttempts = 5;

    /// <summary>Creates a code for <paramref name="destination"/> (normalised msisdn or e-mail) and queues it in the outbox.</summary>
    public async Task SendAsync(int clubId, string purpose, string channel, string destination, CancellationToken ct = default)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clubName = await db.Clubs.Where(c => c.Id == clubId).Select(c => c.Name).SingleAsync(ct);
        db.OneTimeCodes.Add(new OneTimeCode
        {
            ClubId = clubId, Purpose = purpose, Destination = destination, CodeHash = Hash(destination, code), CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        var what = purpose == Registration ? "registration code" : "sign-in code";
        outbox.Queue(db, clubId, channel, destination, channel == OutboxSender.Email ? $"Your {clubName} {what}" : null,
            $"Your {clubName} {what} is {code}. It is valid for {Lifetime.TotalMinutes:0} minutes.", purpose == Registration ? "registration_password" : "otp");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Uses up a valid code sent to one of <paramref name="destinations"/>; false when none matches. A wrong
    /// guess counts against the newest open code of each destination.
    /// </summary>
    public async Task<bool> ConsumeAsync(int clubId, string purpose, IEnumerable<string?> destinations, string code, CancellationToken ct = default)
    {
        var targets = destinations.OfType<string>().Distinct().ToList();
        if (targets.Count == 0 || string.IsNullOrWhiteSpace(code))
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
            await db.SaveChangesAsync(ct);
            return false;
        }
        match.UsedAt = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    // The destination salts the hash, so equal codes for different people hash differently.
    private static string Hash(string destination, string code) =>
        Sha256Hex.Of($"{destination}\n{code}");
}
