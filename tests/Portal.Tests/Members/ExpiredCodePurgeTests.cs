using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.OneTimeCodes;
using Portal.Features.Operations;

namespace Portal.Tests.Members;

/// <summary>
/// The hosted purge job itself, not only the purge it calls: its rounds come from the fake clock, and each round's log
/// line says when it has finished, so the test waits for that instead of for time.
/// </summary>
public sealed class ExpiredCodePurgeTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly RoundLog log = new();
    private WebApplication host = null!;
    private int clubId;

    public async Task InitializeAsync()
    {
        host = PortalServices.BuildCliHost(database.Settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        clubId = (await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync("purge-mall", "Purge Mall", Actor.System)).Id;
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    private async Task<long> CodeAsync(string destination, DateTime expiresAt)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var code = new OneTimeCode
        {
            ClubId = clubId, Purpose = OneTimeCodeService.Registration, Destination = destination, CodeHash = "hash",
            CreatedAt = expiresAt - OneTimeCodeService.Lifetime, ExpiresAt = expiresAt,
        };
        db.OneTimeCodes.Add(code);
        await db.SaveChangesAsync();
        return code.Id;
    }

    private async Task<long[]> RemainingCodesAsync()
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.OneTimeCodes.OrderBy(c => c.Id).Select(c => c.Id).ToArrayAsync();
    }

    [Fact]
    public async Task PurgesExpiredCodesAtStartUpAndAgainAnHourLater()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CodeAsync("expired-before-start@example.no", now - TimeSpan.FromMinutes(1));
        using var job = new ExpiredCodePurge(host.Services.GetRequiredService<IServiceScopeFactory>(), clock, log);
        await job.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal("Deleted 1 expired one-time codes", await log.NextRoundEndAsync());
            Assert.Empty(await RemainingCodesAsync());

            var expiresWithinTheHour = await CodeAsync("expires-within-the-hour@example.no", now + OneTimeCodeService.Lifetime);
            var stillOpenAfterTheHour = await CodeAsync("open-after-the-hour@example.no", now + TimeSpan.FromHours(2));
            clock.Advance(TimeSpan.FromMinutes(59));
            Assert.Equal([expiresWithinTheHour, stillOpenAfterTheHour], await RemainingCodesAsync());

            clock.Advance(TimeSpan.FromMinutes(1));

            Assert.Equal("Deleted 1 expired one-time codes", await log.NextRoundEndAsync());
            Assert.Equal([stillOpenAfterTheHour], await RemainingCodesAsync());
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The job's log: a round that purged something ends with "Deleted …", a failed one with an error.</summary>
    private sealed class RoundLog : ILogger<ExpiredCodePurge>
    {
        private readonly Channel<(LogLevel Level, string Message)> entries = Channel.CreateUnbounded<(LogLevel, string)>();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Writer.TryWrite((logLevel, formatter(state, exception) + (exception is null ? "" : $"\n{exception}")));

        /// <summary>The message that ended the next round; the timeout only turns a job that never gets there into a failure.</summary>
        public async Task<string> NextRoundEndAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await foreach (var (level, message) in entries.Reader.ReadAllAsync(timeout.Token))
                {
                    if (level >= LogLevel.Error || message.StartsWith("Deleted", StringComparison.Ordinal))
                    {
                        return message;
                    }
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
            }
            throw new TimeoutException("No round of the job ended within 30 s.");
        }
    }
}
