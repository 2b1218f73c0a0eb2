using Microsoft.Extensions.Options;
using Portal.Features.Operations;

namespace Portal.Features.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long audit records are kept; older ones are deleted twice a day. 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 400;
}

/// <summary>Deletes audit records past their retention at start-up and every twelve hours, on one instance per round.</summary>
public sealed class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
    : LeasedPeriodicJob(scopes, clock, logger)
{
    public const string JobName = "audit-retention";

    protected override string LeaseName => JobName;
    protected override string DisplayName => "Audit retention";
    protected override TimeSpan Interval => TimeSpan.FromHours(12);
    protected override bool Enabled => options.Value.RetentionDays > 0;

    protected override async Task RunRoundAsync(IServiceProvider services, CancellationToken ct)
    {
        var purged = await services.GetRequiredService<AuditLog>().PurgeAsync(TimeSpan.FromDays(options.Value.RetentionDays), ct);
        if (purged > 0)
        {
            logger.LogInformation("Deleted {Count} audit records older than {Days} days", purged, options.Value.RetentionDays);
        }
    }
}
