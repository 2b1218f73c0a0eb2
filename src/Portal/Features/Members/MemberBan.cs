using System.Linq.Expressions;
using Portal.Data.Entities;

namespace Portal.Features.Members;

/// <summary>
/// The one rule for "is this member banned now?": a ban is in force while <c>BannedUntil</c> (UTC) is later than
/// now; at the very instant it ends the member is free again. Callers pass the injected <see cref="TimeProvider"/>
/// so tests can move the clock.
/// </summary>
public static class MemberBan
{
    /// <summary>Whether a ban until <paramref name="bannedUntil"/> (UTC) is in force now, by <paramref name="clock"/>.</summary>
    public static bool IsInForce(DateTime? bannedUntil, TimeProvider clock) => IsInForce(bannedUntil, clock.GetUtcNow().UtcDateTime);

    /// <summary>Whether a ban until <paramref name="bannedUntil"/> (UTC) is in force at <paramref name="nowUtc"/>.</summary>
    public static bool IsInForce(DateTime? bannedUntil, DateTime nowUtc) => bannedUntil is { } until && until > nowUtc;

    /// <summary>The same rule as a query filter, for counting or listing banned members in the database.</summary>
    public static Expression<Func<Member, bool>> InForceAt(DateTime nowUtc) => m => m.BannedUntil != null && m.BannedUntil > nowUtc;
}
