using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Features.Operations;

/// <summary>
/// Lets one of several instances on one database run a periodic job per round: the first to move the job's
/// <see cref="BackgroundJobRun.StartedAt"/> forward (one conditional UPDATE, atomic on every engine) runs it, the
/// others skip until it is due again.
/// </summary>
public class BackgroundJobLease(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// True when this instance should run <paramref name="job"/> now: no instance started it within
    /// <paramref name="minimumGap"/>. The start is recorded, so a second caller within the gap gets false.
    /// </summary>
    public async Task<bool> TryStartAsync(string job, TimeSpan minimumGap, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now - minimumGap;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.BackgroundJobRuns.Where(r => r.Name == job && r.StartedAt <= dueBefore)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.StartedAt, now), ct);
        if (taken == 1)
        {
            return true;
        }
        if (await db.BackgroundJobRuns.AnyAsync(r => r.Name == job, ct))
        {
            return false;
        }
        db.BackgroundJobRuns.Add(new BackgroundJobRun { Name = job, StartedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the job's first run a moment earlier (the name is the key).
            return false;
        }
    }
}
