using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.Audit;

namespace Portal.Features.Members;

/// <summary>
/// The member list of the admin pages and its CSV export: server-side filters, sorting and paging on indexed
/// columns. Counting stops at <see cref="CountCap"/> so a keystroke never counts a million rows.
/// </summary>
public class MemberQueryService(IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit)
{
    public const int CountCap = 10_000;

    /// <summary>
    /// The member a storefront (Masivo) calls a customer: <paramref name="customerId"/> is the external id in the
    /// club's own system, else the member id. Null for a blank id or when neither matches in the club.
    /// </summary>
    public async Task<long?> FindByCustomerIdAsync(int clubId, string? customerId, CancellationToken ct = default)
    {
        // Model binding turns a blank path segment into null, and "ExternalCustomerId == null" would match any
        // member without an external id.
        if (string.IsNullOrWhiteSpace(customerId))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = db.Members.AsNoTracking().Where(m => m.ClubId == clubId);
        var byExternalId = await members.Where(m => m.ExternalCustomerId == customerId).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        if (byExternalId is not null)
        {
            return byExternalId;
        }
        return long.TryParse(customerId, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)
            ? await members.Where(m => m.Id == memberId).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct)
            : null;
    }

    /// <summary>
    /// Placewise "Show Member Public Info" (by id, e-mail or msisdn, matched as <see cref="MemberIdentifier"/> says),
    /// or null when the club has no such member.
    /// </summary>
    public async Task<MemberPublicInfo?> FindPublicInfoAsync(int clubId, string identifierType, string identifier, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Portal keeps one person per member: the person id is the member id (as in the member JSON).
        return await db.Members.AsNoTracking().Where(m => m.ClubId == clubId).Matching(identifierType, identifier)
            .Select(m => new MemberPublicInfo(m.Id, m.Id, m.FirstName, m.PasswordHash != null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Placewise "Show Member Person ID" (by id, e-mail or msisdn), or null when the club has no such member.</summary>
    public async Task<long?> FindPersonIdAsync(int clubId, string identifierType, string identifier, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Members.AsNoTracking().Where(m => m.ClubId == clubId).Matching(identifierType, identifier)
            .Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// One page of members. <paramref name="countMatches"/> false skips the count (the caller already has it
    /// for the same filters, e.g. when only the page or the sort changed); the page's Count is then 0.
    /// </summary>
    public async Task<MemberListPage> ListAsync(int clubId, MemberListQuery query, bool countMatches = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = Filter(db, clubId, query);
        var count = countMatches ? await filtered.Take(CountCap + 1).CountAsync(ct) : 0;
        var rows = await Sort(filtered, query).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 200)).Select(ToRow()).ToListAsync(ct);
        return new MemberListPage(rows, Math.Min(count, CountCap), count > CountCap);
    }

    /// <summary>
    /// The member list download (CSV): a bulk copy of personal data, so only for those who may export members in
    /// the club, and audited once (<c>members.exported</c>) before the first row leaves. The rows are streamed from
    /// the database in the list's order as the caller reads them; the caller writes them in its format.
    /// </summary>
    public async Task<Outcome<IAsyncEnumerable<MemberListRow>>> ExportAsync(int clubId, MemberListQuery query, Actor actor, CancellationToken ct = default)
    {
        if (!await audit.PermitsAsync(actor, PortalPermission.ExportMembers, clubId))
        {
            return Outcome<IAsyncEnumerable<MemberListRow>>.RefusedFor(PortalPermission.ExportMembers);
        }
        // Recorded before the rows, not after: an export that breaks off half-way has still copied personal data.
        await audit.RecordAsync(AuditActions.MembersExported, actor, clubId, details: "csv");
        return new Outcome<IAsyncEnumerable<MemberListRow>>(StreamAsync(clubId, query, ct));
    }

    // Every matching row, streamed from the database in the list's order; only through ExportAsync's check.
    private async IAsyncEnumerable<MemberListRow> StreamAsync(int clubId, MemberListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Sort(Filter(db, clubId, query), query).Select(ToRow()).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    private static IQueryable<Member> Filter(PortalDbContext db, int clubId, MemberListQuery query)
    {
        var members = db.Members.AsNoTracking().Where(m => m.ClubId == clubId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var email = text.ToLowerInvariant();
            var emailEnd = email + char.MaxValue;
            // Not a phone number: an empty range (PostgreSQL text holds no NUL, so no "\0" sentinel).
            var digits = MsisdnPrefix(text) ?? char.MaxValue.ToString();
            var digitsEnd = MsisdnPrefix(text) is null ? digits : digits + char.MaxValue;
            var name = Member.SearchKey(text)!;
            var nameEnd = name + char.MaxValue;
            var id = long.TryParse(text, out var parsed) ? parsed : -1;
            // Every alternative is a range (or key) comparison that an index serves: (ClubId, Email), (ClubId, Msisdn),
            // (ClubId, LastNameSearch), (ClubId, FirstNameSearch) and the primary key. SQLite then reads the union of
            // those index ranges instead of scanning the club (a case-insensitive LIKE could use no index).
            members = members.Where(m =>
                (string.Compare(m.Email, email) >= 0 && string.Compare(m.Email, emailEnd) < 0)
                || (string.Compare(m.Msisdn, digits) >= 0 && string.Compare(m.Msisdn, digitsEnd) < 0)
                || (string.Compare(m.LastNameSearch, name) >= 0 && string.Compare(m.LastNameSearch, nameEnd) < 0)
                || (string.Compare(m.FirstNameSearch, name) >= 0 && string.Compare(m.FirstNameSearch, nameEnd) < 0)
                || m.Id == id);
        }
        if (query.SmsStatus is not null)
        {
            members = members.Where(m => m.SmsStatus == query.SmsStatus);
        }
        if (query.EmailStatus is not null)
        {
            members = members.Where(m => m.EmailStatus == query.EmailStatus);
        }
        if (query.PushStatus is not null)
        {
            members = members.Where(m => m.PushStatus == query.PushStatus);
        }
        if (query.HasPushToken is { } hasToken)
        {
            members = members.Where(m => db.DeviceTokens.Any(t => t.MemberId == m.Id && t.Status == DeviceTokenStatus.Active) == hasToken);
        }
        if (query.CreatedFromUtc is { } from)
        {
            members = members.Where(m => m.CreatedAt >= from);
        }
        if (query.CreatedToUtc is { } to)
        {
            members = members.Where(m => m.CreatedAt < to);
        }
        if (query.ConsentKey is not null && query.ConsentState != ConsentFilter.Any)
        {
            var definitionId = db.ConsentDefinitions.Where(c => c.ClubId == clubId && c.Key == query.ConsentKey).Select(c => c.Id);
            members = query.ConsentState switch
            {
                ConsentFilter.Given => members.Where(m => db.MemberConsents.Any(c => c.MemberId == m.Id && definitionId.Contains(c.ConsentDefinitionId) && c.Status)),
                ConsentFilter.Refused => members.Where(m => db.MemberConsents.Any(c => c.MemberId == m.Id && definitionId.Contains(c.ConsentDefinitionId) && !c.Status)),
                _ => members.Where(m => !db.MemberConsents.Any(c => c.MemberId == m.Id && definitionId.Contains(c.ConsentDefinitionId))),
            };
        }
        return members;
    }

    /// <summary>Digits of a phone number as typed (<c>+47 412</c> becomes <c>47412</c>), or null when it is not one.</summary>
    private static string? MsisdnPrefix(string text)
    {
        var t = text.StartsWith('+') ? text[1..] : text.StartsWith("00", StringComparison.Ordinal) ? text[2..] : text;
        var digits = new string(t.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length >= 3 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static IQueryable<Member> Sort(IQueryable<Member> members, MemberListQuery query) => (query.SortBy, query.Descending) switch
    {
        ("name", false) => members.OrderBy(m => m.LastName).ThenBy(m => m.FirstName).ThenBy(m => m.Id),
        ("name", true) => members.OrderByDescending(m => m.LastName).ThenByDescending(m => m.FirstName).ThenByDescending(m => m.Id),
        ("email", false) => members.OrderBy(m => m.Email).ThenBy(m => m.Id),
        ("email", true) => members.OrderByDescending(m => m.Email).ThenByDescending(m => m.Id),
        (_, false) => members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id),
        _ => members.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id),
    };

    private static System.Linq.Expressions.Expression<Func<Member, MemberListRow>> ToRow() => m =>
        new MemberListRow(m.Id, m.Email, m.Msisdn, m.FirstName, m.LastName, m.SmsStatus, m.EmailStatus, m.PushStatus, m.OptinChannel, m.CreatedAt, m.BannedUntil);
}
