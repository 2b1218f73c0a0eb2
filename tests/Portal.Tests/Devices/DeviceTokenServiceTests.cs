using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Data;
using Portal.Features.Devices;
using Portal.Features.Members;

namespace Portal.Tests.Devices;

public class DeviceTokenServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private readonly SqlCommandCounter counter = new();
    // Registration times order the tokens: the test moves this clock on rather than waiting for the real one.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private Microsoft.AspNetCore.Builder.WebApplication host = default!;
    private DeviceTokenService devices = default!;
    private int clubId;
    private long ola;
    private long kari;

    public async Task InitializeAsync()
    {
        host = PortalServices.BuildCliHost(database.Settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseMaintenance>().MigrateAsync();
        clubId = (await scope.ServiceProvider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Actor.System)).Id;
        var members = scope.ServiceProvider.GetRequiredService<MemberService>();
        ola = (await members.CreateAsync(clubId, new MemberDraft { Properties = new JsonObject { ["email"] = "ola@example.no" } }, Actor.Import)).Value!.Id;
        kari = (await members.CreateAsync(clubId, new MemberDraft { Properties = new JsonObject { ["email"] = "kari@example.no" } }, Actor.Import)).Value!.Id;

        // The real service on the real database, with a counter of the SQL it sends.
        var engine = scope.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseEngine>();
        var options = PortalDataServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<PortalDbContext>(), engine.Provider, engine.ConnectionString)
            .AddInterceptors(counter).Options;
        devices = new DeviceTokenService(new PooledDbContextFactory<PortalDbContext>((DbContextOptions<PortalDbContext>)options), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    private static DeviceRegistration Phone(string token, string installation = "install-1") => new(token, "ios", installation, "mall-app");

    private long Tokens(string where) => database.Scalar($"SELECT COUNT(*) FROM DeviceTokens WHERE {where}");

    [Fact]
    public async Task RegistersThenReplacesByInstallationThenMovesThenRefreshes()
    {
        Assert.Equal(RegistrationOutcome.Added, await devices.RegisterAsync(clubId, ola, Phone("token-a")));
        Assert.Equal(RegistrationOutcome.Replaced, await devices.RegisterAsync(clubId, ola, Phone("token-b")));
        Assert.Equal(1, Tokens($"MemberId = {ola}"));
        Assert.Equal(0, Tokens("Token = 'token-a'"));

        Assert.Equal(RegistrationOutcome.Moved, await devices.RegisterAsync(clubId, kari, Phone("token-b", "kari-install")));
        Assert.Equal(0, Tokens($"MemberId = {ola}"));
        Assert.Equal(1, Tokens($"MemberId = {kari} AND Token = 'token-b' AND AppInstallationId = 'kari-install'"));

        var before = database.Scalar("SELECT COUNT(*) FROM DeviceTokens");
        Assert.Equal(RegistrationOutcome.Refreshed, await devices.RegisterAsync(clubId, kari, Phone("token-b", "kari-install")));
        Assert.Equal(before, database.Scalar("SELECT COUNT(*) FROM DeviceTokens"));
    }

    [Fact]
    public async Task ReRegisteringAnUnchangedTokenTakesOneSqlRoundTrip()
    {
        await devices.RegisterAsync(clubId, ola, Phone("hot-token"));
        counter.Reset();

        var outcome = await devices.RegisterAsync(clubId, ola, Phone("hot-token"));

        Assert.Equal(RegistrationOutcome.Refreshed, outcome);
        Assert.True(counter.Count <= 1, $"{counter.Count} round trips:\n{string.Join("\n---\n", counter.Commands)}");
        Assert.Equal(1, Tokens("Token = 'hot-token'"));
    }

    [Fact]
    public async Task AChangedFieldOrAnotherTokenOfTheInstallationIsNotARefresh()
    {
        await devices.RegisterAsync(clubId, ola, Phone("field-token", "field-phone"));

        // Same token, another Firebase project: the row is updated, not only its last-seen time.
        Assert.Equal(RegistrationOutcome.Refreshed, await devices.RegisterAsync(clubId, ola, Phone("field-token", "field-phone") with { FirebaseProjectSlug = "other-app" }));
        Assert.Equal(1, Tokens("Token = 'field-token' AND FirebaseProjectSlug = 'other-app'"));

        // The same installation with a new token replaces the old one.
        Assert.Equal(RegistrationOutcome.Replaced, await devices.RegisterAsync(clubId, ola, Phone("field-token-2", "field-phone")));
        Assert.Equal(0, Tokens("Token = 'field-token'"));
    }

    [Fact]
    public async Task AnInvalidatedTokenRegisteredAgainIsActiveAgain()
    {
        await devices.RegisterAsync(clubId, ola, Phone("dead-token"));
        var id = database.Scalar("SELECT Id FROM DeviceTokens WHERE Token = 'dead-token'");
        Assert.True(await devices.InvalidateAsync(clubId, id, "Revoked by an admin"));
        Assert.Equal(1, Tokens("Token = 'dead-token' AND Status = 'invalid' AND InvalidReason = 'Revoked by an admin' AND InvalidatedAt IS NOT NULL"));

        await devices.RegisterAsync(clubId, ola, Phone("dead-token"));

        Assert.Equal(1, Tokens("Token = 'dead-token' AND Status = 'active' AND InvalidReason IS NULL"));
    }

    [Fact]
    public async Task TheOldestTokensAreRetiredBeyondTheCap()
    {
        for (var i = 0; i <= DeviceTokenRules.MaxActiveTokensPerMember; i++)
        {
            await devices.RegisterAsync(clubId, kari, Phone($"cap-{i}", $"install-{i}"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(DeviceTokenRules.MaxActiveTokensPerMember, Tokens($"MemberId = {kari} AND Status = 'active'"));
        Assert.Equal(1, Tokens("Token = 'cap-0' AND Status = 'invalid'"));
    }

    [Fact]
    public async Task ForeignClubsAndMissingMembersChangeNothing()
    {
        Assert.Null(await devices.RegisterAsync(clubId, 999_999, Phone("orphan")));
        Assert.Null(await devices.RegisterAsync(clubId + 1, ola, Phone("elsewhere")));
        Assert.Equal(0, Tokens("Token IN ('orphan', 'elsewhere')"));

        await devices.RegisterAsync(clubId, ola, Phone("mine"));
        var id = database.Scalar("SELECT Id FROM DeviceTokens WHERE Token = 'mine'");
        Assert.False(await devices.InvalidateAsync(clubId + 1, id, "nope"));
    }

    [Theory]
    [InlineData(null, "ios", "token")]
    [InlineData("", "ios", "token")]
    [InlineData("has space", "ios", "token")]
    [InlineData("t", null, "platform")]
    [InlineData("t", "windows", "platform")]
    public void RejectsBadRegistrations(string? token, string? platform, string field) =>
        Assert.True(DeviceTokenRules.Check(new DeviceRegistration(token, platform), DeviceTokenRules.Platforms).ContainsKey(field));

    [Fact]
    public void RejectsKilobyteTokens() =>
        Assert.Equal(["too_long"], DeviceTokenRules.Check(new DeviceRegistration(new string('x', 2048), "ios"), DeviceTokenRules.Platforms)["token"]);
}
