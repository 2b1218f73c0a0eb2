using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.ApiKeys;

/// <summary>
/// Remembers when each API key was last used and writes it to the database every half minute, so the
/// admin sees "last used" without every API request paying for an extra write on the hot path.
/// </summary>
public sealed class ApiKeyUsage(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<ApiKeyUsage> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<int, DateTime> pending = new();

    public void Touch(int keyId) => pending[keyId] = clock.GetUtcNow().UtcDateTime;

    /// <summary>Writes the pending last-used times; a later use in the database is never overwritten by an earlier one.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (pending.IsEmpty)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var keyId in pending.Keys)
        {
            if (pending.TryRemove(keyId, out var usedAt))
            {
                await db.ApiKeys.Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
                    .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, usedAt), ct);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushQuietlyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        // Shutting down: keep what was seen since the last tick.
        await FlushQuietlyAsync(CancellationToken.None);
    }

    private async Task FlushQuietlyAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record API key last-used times; they are retried at the next flush");
        }
    }
}
