using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Applets;

public enum JoinOutcome
{
    Created,
    AlreadyMember,
    AppletNotFound,
    AccountNotFound,
    ConditionsNotMet,
    /// <summary>The actor may not manage this club's applets (already audited).</summary>
    Refused,
}

/// <summary>
/// Applet memberships: join (idempotent), read, leave, and an account's list in keyset pages. The page key is
/// the position (created-at, id) sealed with Data Protection: opaque to apps, and a tampered one is refused.
/// Joining and leaving check the actor's <see cref="PortalPermission.ManageApplets"/> and commit their audit record
/// with the change, whether an admin page or the Centrapay API asks.
/// </summary>
public class AppletMembershipService(IDbContextFactory<PortalDbContext> dbFactory, IDataProtectionProvider protection, AuditLog audit, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    private readonly IDataProtector pageKeys = protection.CreateProtector("Portal.AppletMemberships.PageKey.v1");

    public static string UserCrn(string userId) => $"crn::user:{userId}";

    public static string ApiKeyCrn(int keyId) => $"crn::api-key:{keyId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Joins the account to the applet (idempotent); <paramref name="createdBy"/> is the Centrapay CRN stored as the
    /// membership's creator (<see cref="UserCrn"/>, <see cref="ApiKeyCrn"/>).
    /// </summary>
    public async Task<(JoinOutcome Outcome, AppletMembershipView? Membership)> JoinAsync(int clubId, string appletId, string accountId, string createdBy,
        Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageApplets, clubId))
        {
            return (JoinOutcome.Refused, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applet = await db.Applets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appletId && a.ClubId == clubId, ct);
        if (applet is null)
        {
            return (JoinOutcome.AppletNotFound, null);
        }
        // No account id holds a NUL, and PostgreSQL refuses one even as a query parameter.
        var member = accountId.Contains('\0') ? null : await db.Members.AsNoTracking().Where(m => m.AccountId == accountId && m.ClubId == clubId)
            .Select(m => new { m.Id, m.TestAccount }).SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return (JoinOutcome.AccountNotFound, null);
        }
        var existing = await db.AppletMemberships.AsNoTracking().Where(m => m.AppletId == appletId && m.MemberId == member.Id).Select(m => m.Id).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            return (JoinOutcome.AlreadyMember, await GetAsync(clubId, existing, ct));
        }
        // Archived applets take no one; test applets only test accounts.
        if (applet.ArchivedAt is not null || (applet.Test && !member.TestAccount))
        {
            return (JoinOutcome.ConditionsNotMet, null);
        }
        var membership = new AppletMembership
        {
            ClubId = clubId,
            AppletId = appletId,
            MemberId = member.Id,
            AccountId = accountId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
            Test = applet.Test,
        };
        db.AppletMemberships.Add(membership);
        audit.Add(db, AuditActions.MembershipAdded, actor, clubId, $"applet_membership:{membership.Id}", $"applet={appletId}; member={member.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Two joins raced; the first one stands.
            var winner = await db.AppletMemberships.AsNoTracking().Where(m => m.AppletId == appletId && m.MemberId == member.Id).Select(m => m.Id).SingleAsync(ct);
            return (JoinOutcome.AlreadyMember, await GetAsync(clubId, winner, ct));
        }
        return (JoinOutcome.Created, await GetAsync(clubId, membership.Id, ct));
    }

    public async Task<AppletMembershipView?> GetAsync(int clubId, string membershipId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await Views(db).Where(v => v.Membership.Id == membershipId && v.Membership.ClubId == clubId).ToListAsync(ct)).Select(ToView).SingleOrDefault();
    }

    /// <summary>The account leaves the applet; false when the club has no such membership.</summary>
    public async Task<Outcome<bool>> LeaveAsync(int clubId, string membershipId, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ManageApplets, clubId))
        {
            return Outcome<bool>.RefusedFor(PortalPermission.ManageApplets);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.AppletMemberships.Where(m => m.Id == membershipId && m.ClubId == clubId).ExecuteDeleteAsync(ct) != 1)
        {
            return false;
        }
        audit.Add(db, AuditActions.MembershipRemoved, actor, clubId, $"applet_membership:{membershipId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// One page of an account's memberships, oldest first. Null when <paramref name="pageKey"/> is not one this
    /// service issued. Every page costs one index seek, however deep.
    /// </summary>
    public async Task<(IReadOnlyList<AppletMembershipView> Items, string? NextPageKey)?> ListForAccountAsync(
        int clubId, string accountId, string? pageKey, int limit, CancellationToken ct = default)
    {
        if (!TryReadPosition(pageKey, accountId, out var after))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PageAsync(db, clubId, accountId, after, limit, onlyIfAccountExists: false, ct);
    }

    /// <summary>
    /// The Centrapay list: whether the account exists in the club, and its page (null when <paramref name="pageKey"/>
    /// is not one this service issued). One SQL statement when the page has rows (the account's existence is a
    /// condition of the same query); a second only for an empty page or a refused key, to tell 404 from the rest.
    /// </summary>
    public async Task<(bool AccountFound, (IReadOnlyList<AppletMembershipView> Items, string? NextPageKey)? Page)> ListAccountPageAsync(
        int clubId, string accountId, string? pageKey, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!TryReadPosition(pageKey, accountId, out var after))
        {
            return (await AccountExistsAsync(db, clubId, accountId, ct), null);
        }
        var page = await PageAsync(db, clubId, accountId, after, limit, onlyIfAccountExists: true, ct);
        if (page.Items.Count > 0)
        {
            return (true, page);
        }
        return await AccountExistsAsync(db, clubId, accountId, ct) ? (true, page) : (false, null);
    }

    /// <summary>Whether <paramref name="accountId"/> is a member account of the club.</summary>
    private static Task<bool> AccountExistsAsync(PortalDbContext db, int clubId, string accountId, CancellationToken ct) =>
        db.Members.AnyAsync(m => m.AccountId == accountId && m.ClubId == clubId, ct);

    private bool TryReadPosition(string? pageKey, string accountId, out (DateTime Created, string Id)? after)
    {
        after = null;
        if (string.IsNullOrEmpty(pageKey))
        {
            return true;
        }
        after = ReadPageKey(pageKey, accountId);
        return after is not null;
    }

    // Where the list starts: before every membership, so the first page is "the page after the start" and every page is
    // one query. A range from the start costs the same index seek as no range.
    private static readonly (DateTime Created, string Id) StartOfList = (DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), "");

    // The only definition of the page. Compiled, because the Centrapay list is the app API's hottest read: it skips EF's
    // per-call parameter extraction and translation-cache lookup (bench/RESULTS.md, "Profile"). The account's existence
    // is a parameter, not a second shape: with it on, the Centrapay list is one SQL statement.
    private static readonly Func<PortalDbContext, int, string, bool, DateTime, string, int, IAsyncEnumerable<MembershipWithApplet>> AccountPage =
        EF.CompileAsyncQuery((PortalDbContext db, int clubId, string accountId, bool onlyIfAccountExists, DateTime created, string afterId, int take) =>
            db.AppletMemberships.AsNoTracking()
                .Where(m => m.AccountId == accountId && m.ClubId == clubId)
                .Where(m => !onlyIfAccountExists || db.Members.Any(x => x.AccountId == accountId && x.ClubId == clubId))
                .Where(m => m.CreatedAt > created || (m.CreatedAt == created && string.Compare(m.Id, afterId) > 0))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(take)
                .Select(m => new MembershipWithApplet { Membership = m, Applet = m.Applet! }));

    private async Task<(IReadOnlyList<AppletMembershipView> Items, string? NextPageKey)> PageAsync(PortalDbContext db, int clubId, string accountId,
        (DateTime Created, string Id)? after, int limit, bool onlyIfAccountExists, CancellationToken ct)
    {
        var (created, afterId) = after ?? StartOfList;
        var page = new List<MembershipWithApplet>(limit + 1);
        await foreach (var row in AccountPage(db, clubId, accountId, onlyIfAccountExists, created, afterId, limit + 1).WithCancellation(ct))
        {
            page.Add(row);
        }
        var items = page.Take(limit).Select(ToView).ToList();
        var next = page.Count > limit ? WritePageKey(accountId, items[^1].CreatedAt, items[^1].Id) : null;
        return (items, next);
    }

    /// <summary>The memberships of the club for the admin page, newest first, with optional filters.</summary>
    public async Task<(IReadOnlyList<AppletMembershipView> Rows, int Count)> ListAsync(int clubId, string? appletId, long? memberId, bool? test, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberships = Views(db).Where(v => v.Membership.ClubId == clubId);
        if (appletId is not null)
        {
            memberships = memberships.Where(v => v.Membership.AppletId == appletId);
        }
        if (memberId is not null)
        {
            memberships = memberships.Where(v => v.Membership.MemberId == memberId);
        }
        if (test is not null)
        {
            memberships = memberships.Where(v => v.Membership.Test == test);
        }
        var count = await memberships.CountAsync(ct);
        var rows = await memberships.OrderByDescending(v => v.Membership.CreatedAt).ThenByDescending(v => v.Membership.Id)
            .Skip(skip).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return (rows.Select(ToView).ToList(), count);
    }

    private static IQueryable<MembershipWithApplet> Views(PortalDbContext db) =>
        db.AppletMemberships.AsNoTracking().Select(m => new MembershipWithApplet { Membership = m, Applet = m.Applet! });

    private static AppletMembershipView ToView(MembershipWithApplet row) => new(
        row.Membership.Id, row.Membership.AccountId, row.Membership.AppletId, row.Applet.Name, row.Applet.MediaUploadId, row.Applet.ImageUrl,
        row.Applet.AppletAccountId, row.Membership.CreatedAt, row.Membership.CreatedBy, row.Membership.Test,
        JsonNode.Parse(row.Applet.ExtensionsJson)!.AsArray(), row.Membership.MemberId);

    private string WritePageKey(string accountId, DateTime createdAt, string id) =>
        pageKeys.Protect($"{accountId}\n{createdAt.Ticks.ToString(CultureInfo.InvariantCulture)}\n{id}");

    private (DateTime CreatedAt, string Id)? ReadPageKey(string pageKey, string accountId)
    {
        try
        {
            var parts = pageKeys.Unprotect(pageKey).Split('\n');
            // A key only continues the list it came from.
            return parts.Length == 3 && parts[0] == accountId && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? (new DateTime(ticks, DateTimeKind.Utc), parts[2])
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    // A member-init projection (not a constructor) so EF can still filter and sort on it.
    private sealed class MembershipWithApplet
    {
        public required AppletMembership Membership { get; init; }

        public required Applet Applet { get; init; }
    }
}
