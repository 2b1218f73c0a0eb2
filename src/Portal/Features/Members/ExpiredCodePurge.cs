namespace Portal.Features.Members;

/// <summary>
/// Deletes expired one-time codes at start-up and every hour (<see cref="OneTimeCodeService.PurgeExpiredAsync"/>),
/// as <see cref="Audit.AuditRetention"/> does for the audit log: several instances on one database share the rounds
/// through a <see cref="Operations.BackgroundJobLease"/>, one runs each, the others skip it.
/// </summary>
public sealed class ExpiredCodePurge(IServiceScopeFactory scopes, ILogger<ExpiredCodePurge> logger) : BackgroundService
{
    public const string JobName = "one-time-code-purge";
    // Codes live 15 minutes; an hour keeps the table at about an hour of sends without a round per send.
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    // Less than the interval, so the instance that ran the last round runs the next one despite timer drift.
    private static readonly TimeSpan MinimumGap = Interval - TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<Operations.BackgroundJobLease>().TryStartAsync(JobName, MinimumGap, stoppingToken))
                {
                    continue;
                }
                var purged = await scope.ServiceProvider.GetRequiredService<OneTimeCodeService>().PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Deleted {Count} expired one-time codes", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging expired one-time codes failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
