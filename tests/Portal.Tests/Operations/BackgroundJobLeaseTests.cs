using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Features.Operations;

namespace Portal.Tests.Operations;

/// <summary>
/// Two instances on one database share a periodic job's rounds. Two leases on one database with one clock stand in
/// for two instances: the lease keeps no state outside the database.
/// </summary>
public sealed class BackgroundJobLeaseTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private WebApplication host = null!;

    public async Task InitializeAsync()
    {
        host = PortalServices.BuildCliHost(database.Settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    private BackgroundJobLease NewInstance() =>
        new(host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Data.PortalDbContext>>(), clock);

    [Fact]
    public async Task OneOfTwoInstancesStartingTogetherRunsTheJob()
    {
        var a = NewInstance();
        var b = NewInstance();

        var started = await Task.WhenAll(a.TryStartAsync("job", TimeSpan.FromHours(1)), b.TryStartAsync("job", TimeSpan.FromHours(1)));

        Assert.Equal(1, started.Count(s => s));
    }

    [Fact]
    public async Task TheNextRoundIsRunAgainOnceTheGapHasPassed()
    {
        var a = NewInstance();
        var b = NewInstance();
        Assert.True(await a.TryStartAsync("round", TimeSpan.FromHours(1)));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await b.TryStartAsync("round", TimeSpan.FromHours(1)));
        Assert.False(await a.TryStartAsync("round", TimeSpan.FromHours(1)));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await b.TryStartAsync("round", TimeSpan.FromHours(1)));
        Assert.False(await a.TryStartAsync("round", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task JobsHaveLeasesOfTheirOwn()
    {
        var a = NewInstance();

        Assert.True(await a.TryStartAsync("first", TimeSpan.FromHours(1)));
        Assert.True(await a.TryStartAsync("second", TimeSpan.FromHours(1)));
    }
}
