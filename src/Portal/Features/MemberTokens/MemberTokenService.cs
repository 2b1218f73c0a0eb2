using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.MemberTokens;

/// <summary>
/// OAuth tokens of members ("TokenMember"): opaque random strings, stored as SHA-256 hashes. Access tokens
/// live 24 hours, refresh tokens a year; refreshing replaces both.
/// </summary>
public class MemberTokenService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(365);

    public record IssuedTokens(string AccessToken, string RefreshToken, DateTime CreatedAt, long MemberId);

    public record TokenInfo(long TokenId, long MemberId, int ClubId, int? ApiKeyId, DateTime CreatedAt, DateTime ExpiresAt, DateTime? BannedUntil);

    public async Task<IssuedTokens> IssueAsync(long memberId, int? apiKeyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issued = Add(db, memberId, apiKeyId);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>Trades a valid refresh token of a member of <paramref name="clubId"/> for new tokens; null when it is not valid.</summary>
    public async Task<IssuedTokens?> RefreshAsync(int clubId, string refreshToken, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(refreshToken);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.MemberAccessTokens.Include(t => t.Member)
            .SingleOrDefaultAsync(t => t.RefreshTokenHash == hash && t.RevokedAt == null && t.RefreshExpiresAt > now && t.Member!.ClubId == clubId, ct);
        if (token is null)
        {
            return null;
        }
        token.RevokedAt = now;
        var issued = Add(db, token.MemberId, token.ApiKeyId);
        await db.SaveChangesAsync(ct);
        return issued;
    }

    /// <summary>Revokes the access or refresh token given; unknown tokens are ignored (the answer is always <c>{}</c>).</summary>
    public async Task RevokeAsync(int clubId, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.MemberAccessTokens
            .Where(t => (t.AccessTokenHash == hash || t.RefreshTokenHash == hash) && t.RevokedAt == null && t.Member!.ClubId == clubId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), ct);
    }

    /// <summary>The live access token of a member of <paramref name="clubId"/>, or null (Placewise answers 460).</summary>
    public async Task<TokenInfo?> AuthenticateAsync(int clubId, string? accessToken, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }
        var hash = Hash(accessToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LiveAccessToken(db, hash, now, clubId);
    }

    // Compiled once: every Placewise member call runs it (translating the query anew each time cost more CPU than SQLite's answer).
    private static readonly Func<PortalDbContext, string, DateTime, int, Task<TokenInfo?>> LiveAccessToken = EF.CompileAsyncQuery(
        (PortalDbContext db, string hash, DateTime now, int clubId) => db.MemberAccessTokens.AsNoTracking()
            .Where(t => t.AccessTokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now && t.Member!.ClubId == clubId)
            .Select(t => new TokenInfo(t.Id, t.MemberId, t.Member!.ClubId, t.ApiKeyId, t.CreatedAt, t.ExpiresAt, t.Member.BannedUntil))
            .SingleOrDefault());

    private IssuedTokens Add(PortalDbContext db, long memberId, int? apiKeyId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var access = NewToken();
        var refresh = NewToken();
        db.MemberAccessTokens.Add(new MemberAccessToken
        {
            MemberId = memberId,
            ApiKeyId = apiKeyId,
            AccessTokenHash = Hash(access),
            RefreshTokenHash = Hash(refresh),
            CreatedAt = now,
            ExpiresAt = now + AccessLifetime,
            RefreshExpiresAt = now + RefreshLifetime,
        });
        return new IssuedTokens(access, refresh, now, memberId);
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Sha256Hex.Of(token);
}
