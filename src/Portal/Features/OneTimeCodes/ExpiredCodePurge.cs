using Portal.Features.Operations;

namespace Portal.Features.OneTimeCodes;

/// <summary>
/// Deletes expired one-time codes (<see cref="OneTimeCodeService.PurgeExpiredAsync"/>) at start-up and every hour, on
/// one instance per round. Codes live 15 minutes; an hour keeps the table at about an hour of sends without a round per send.
/// </summary>
public sealed class ExpiredCodePurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExpiredCodePurge> logger)
    : LeasedPeriodicJob(scopes, clock, logger)
{
    public const string JobName = "one-time-code-purge";

    protected override string LeaseName => JobName;
    protected override string DisplayName => "Expired one-time code purge";
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunRoundAsync(IServiceProvider services, CancellationToken ct)
    {
        var purged = await services.GetRequiredService<OneTimeCodeService>().PurgeExpiredAsync(ct);
        if (purged > 0)
        {
            logger.LogInformation("Deleted {Count} expired one-time codes", purged);
        }
    }
}
