namespace Portal.Features.Operations;

/// <summary>
/// A background job that runs a round at start-up and then every <see cref="Interval"/>. Several instances on one
/// database share the rounds through a <see cref="BackgroundJobLease"/>: one runs each, the others skip it. A failed
/// round is logged and tried again at the next tick. The ticks come from the app's <see cref="TimeProvider"/>, so a test
/// with a fake clock runs a round by advancing it.
/// </summary>
public abstract class LeasedPeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The lease's name in <c>BackgroundJobRuns</c>.</summary>
    protected abstract string LeaseName { get; }

    /// <summary>What the log calls the job, e.g. "Audit retention".</summary>
    protected abstract string DisplayName { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual bool Enabled => true;

    /// <summary>One round, in its own DI scope.</summary>
    protected abstract Task RunRoundAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        // Less than the interval, so the instance that ran the last round runs the next one despite timer drift.
        var minimumGap = Interval - TimeSpan.FromMinutes(10);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<BackgroundJobLease>().TryStartAsync(LeaseName, minimumGap, stoppingToken))
                {
                    logger.LogInformation("{Job} skipped: another instance ran it within {Gap}", DisplayName, minimumGap);
                    continue;
                }
                logger.LogInformation("{Job} started", DisplayName);
                await RunRoundAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; it runs again in {Interval}", DisplayName, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
