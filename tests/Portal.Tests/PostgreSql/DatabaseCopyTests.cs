using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Cli;
using Portal.Data;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Operations;
using Portal.Tests.Cli;

namespace Portal.Tests.PostgreSql;

/// <summary><c>db copy --to</c> moves the demo database from SQLite to PostgreSQL: every row, the ids, the key ring.</summary>
public sealed class DatabaseCopyTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private readonly TestDatabase sqlite = new(postgresServer: null);
    private TestDatabase target = null!;
    private string protectedSecret = "";

    public async Task InitializeAsync()
    {
        target = new TestDatabase(postgres.Server);
        await using var host = PortalServices.BuildCliHost(sqlite.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        Assert.True(await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync());
        // Something protected with the SQLite deployment's key ring (a folder), as a stored Firebase key is.
        protectedSecret = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test").Protect("the secret");
    }

    public Task DisposeAsync()
    {
        sqlite.Dispose();
        target.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryRowOfTheDemoDataArrivesAndTheAppReadsItOnPostgreSql()
    {
        var run = await CliRun.RunAsync(sqlite, "db", "copy", "--to", target.ConnectionString);

        Assert.True(run.ExitCode == CliApp.Ok, run.Stdout + run.Stderr);
        Assert.Contains("every table's count matches", run.Stdout);
        foreach (var table in new[] { "LoyaltyClubs", "Members", "MemberConsents", "ConsentChanges", "DeviceTokens" })
        {
            Assert.True(sqlite.Scalar($"SELECT COUNT(*) FROM {table}") > 0, table);
            Assert.Equal(sqlite.Scalar($"SELECT COUNT(*) FROM {table}"), target.Scalar($"SELECT COUNT(*) FROM {table}"));
        }
        Assert.Equal(sqlite.Scalar("SELECT MAX(Id) FROM Members"), target.Scalar("SELECT MAX(Id) FROM Members"));

        // Portal on the copy: it reads the members, adds one after the copied ids, and unprotects the old secret.
        await using var onPostgres = PortalServices.BuildCliHost(target.Settings);
        await using var scope = onPostgres.Services.CreateAsyncScope();
        var clubId = (int)target.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'infinity-mall'");
        var members = scope.ServiceProvider.GetRequiredService<MemberQueryService>();
        var page = await members.ListAsync(clubId, new MemberListQuery());
        Assert.Equal(sqlite.Scalar($"SELECT COUNT(*) FROM Members WHERE ClubId = {clubId}"), page.Count);
        var created = (await scope.ServiceProvider.GetRequiredService<MemberService>().CreateAsync(clubId,
            new MemberDraft { Properties = new System.Text.Json.Nodes.JsonObject { ["email"] = "after-copy@example.no" } }, Actor.System)).Value!;
        Assert.True(created.Id > sqlite.Scalar("SELECT MAX(Id) FROM Members"));
        Assert.Equal("the secret", onPostgres.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("copy-test").Unprotect(protectedSecret));
    }

    [Fact]
    public async Task ATargetThatHoldsDataIsRefused()
    {
        Assert.Equal(CliApp.Ok, (await CliRun.RunAsync(sqlite, "db", "copy", "--to", target.ConnectionString)).ExitCode);

        var again = await CliRun.RunAsync(sqlite, "db", "copy", "--to", target.ConnectionString);

        Assert.Equal(CliApp.BadUsage, again.ExitCode);
        Assert.Contains("already holds rows", again.Stderr);
    }
}
