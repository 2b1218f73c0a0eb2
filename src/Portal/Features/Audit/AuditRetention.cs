using Microsoft.Extensions.Options;

namespace Portal.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long audit records are kept; older ones are deleted twice a day. 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 400;
}

/// <summary>
/// Deletes audit records past their retention at start-up and every twelve hours. Several instances on one database
/// share the rounds through a <see cref="Operations.BackgroundJobLease"/>: one runs each, the others skip it.
/// </summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, ILogger<AuditRetention> logger) : BackgroundService
{
    public const string JobName = "audit-retention";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(12);
    // Less than the interval, so the instance that ran the last round runs the next one despite timer drift.
    private static readonly TimeSpan MinimumGap = Interval - TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetentionDays <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<Operations.BackgroundJobLease>().TryStartAsync(JobName, MinimumGap, stoppingToken))
                {
                    logger.LogInformation("Audit retention skipped: another instance ran it within {Gap}", MinimumGap);
                    continue;
                }
                logger.LogInformation("Audit retention started");
                var purged = await scope.ServiceProvider.GetRequiredService<AuditLog>()
                    .PurgeAsync(TimeSpan.FromDays(options.Value.RetentionDays), stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Deleted {Count} audit records older than {Days} days", purged, options.Value.RetentionDays);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit retention failed; it runs again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
