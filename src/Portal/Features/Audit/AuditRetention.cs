using Microsoft.Extensions.Options;

namespace Portal.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long audit records are kept; older ones are deleted twice a day. 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 400;
}

/// <summary>Deletes audit records past their retention at start-up and every twelve hours.</summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, ILogger<AuditRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(12);

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
