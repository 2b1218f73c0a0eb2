using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Cli;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Audit;

namespace Portal.Tests.Cli;

public class CliAppTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task ClubsCreateStoresTheClub()
    {
        var run = await CliRun.RunAsync(database, "clubs", "create", "--slug", "city-centre", "--name", "City Centre", "--default-language", "no", "--time-zone", "Europe/Oslo");

        Assert.Equal(CliApp.Ok, run.ExitCode);
        Assert.Contains("city-centre", run.Stdout);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM LoyaltyClubs WHERE Slug = 'city-centre' AND DefaultLanguage = 'no' AND TimeZone = 'Europe/Oslo'"));
    }

    [Fact]
    public async Task ClubsCreateLeavesOneClubCreatedRecordNamingTheCli()
    {
        var run = await CliRun.RunAsync(database, "clubs", "create", "--slug", "city-centre", "--name", "City Centre", "--default-language", "no", "--time-zone", "Europe/Oslo");
        var again = await CliRun.RunAsync(database, "clubs", "create", "--slug", "city-centre", "--name", "City Centre");

        Assert.Equal((CliApp.Ok, CliApp.BadUsage), (run.ExitCode, again.ExitCode));
        var clubId = database.Scalar("SELECT Id FROM LoyaltyClubs WHERE Slug = 'city-centre'");
        Assert.Equal(1, database.Scalar($"""
            SELECT COUNT(*) FROM AuditRecords WHERE Action = '{AuditActions.ClubCreated}' AND Channel = '{Actor.CliChannel}'
              AND ActorType = '{Actor.CliType}' AND ClubId = {clubId} AND Target = 'club:{clubId}'
              AND Details = 'slug=city-centre; language=no; time_zone=Europe/Oslo'
            """));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM AuditRecords"));
    }

    [Theory]
    [InlineData("clubs", "create", "--name", "No Slug")]
    [InlineData("clubs", "create", "--slug", "Bad Slug", "--name", "X")]
    [InlineData("clubs", "create", "--slug", "ok", "--name", "X", "--default-language", "norwegian")]
    [InlineData("clubs", "create", "--slug", "ok", "--name", "X", "--time-zone", "Mars/Olympus")]
    [InlineData("clubs", "create", "--slug", "ok", "--name", "X", "--colour", "red")]
    [InlineData("clubs", "create", "--slug", "ok", "--slug", "ok2", "--name", "X")]
    [InlineData("clubs", "create", "--slug")]
    public async Task ClubsCreateRejectsBadInputWithExitCode2AndWritesNothing(params string[] args)
    {
        var run = await CliRun.RunAsync(database, args);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr);
        Assert.Contains("usage: Portal clubs create", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(0, ClubCount());
    }

    [Fact]
    public async Task ClubsCreateRejectsADuplicateSlug()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Another");

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Contains("already exists", run.Stderr);
        Assert.Equal(1, ClubCount());
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task CliHostBuildsInEveryEnvironment(string environment)
    {
        // Development validates every service registration when the host is built: a web-only service in
        // the shared registrations would break `dotnet run -- VERB` (launchSettings says Development).
        await using var host = PortalServices.BuildCliHost(database.Settings, environment);

        Assert.Equal(environment, host.Environment.EnvironmentName);
    }

    [Fact]
    public async Task UnknownVerbPrintsUsageAndExits2()
    {
        var run = await CliRun.RunAsync(database, "frobnicate", "--now");

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", run.Stderr);
        Assert.Contains("Portal apikeys create", run.Stderr);
    }

    [Fact]
    public async Task UsersCreateMakesAUserWithRoleAndClubsWhoCanSignIn()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall-a", "--name", "Mall A");
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall-b", "--name", "Mall B");

        var run = await CliRun.RunAsync(database, "users", "create", "--email", "marta@example.com", "--password", "Secret12345x",
            "--role", "marketer", "--club", "mall-a", "--club", "mall-b");

        Assert.Equal(CliApp.Ok, run.ExitCode);
        Assert.Equal(2, database.Scalar("SELECT COUNT(*) FROM ClubGrants g JOIN AspNetUsers u ON u.Id = g.UserId WHERE u.Email = 'marta@example.com'"));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId JOIN AspNetUsers u ON u.Id = ur.UserId WHERE u.Email = 'marta@example.com' AND r.Name = 'Marketer'"));

        await using var host = PortalServices.BuildCliHost(database.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync("marta@example.com");
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, "Secret12345x"));
        Assert.DoesNotContain("Secret12345x", user.PasswordHash);
    }

    [Theory]
    [InlineData("--email", "not-an-email", "--password", "Secret12345x", "--role", "Admin")]
    [InlineData("--email", "a@example.com", "--password", "short", "--role", "Admin")]
    [InlineData("--email", "a@example.com", "--password", "Secret12345x", "--role", "Owner")]
    [InlineData("--email", "a@example.com", "--password", "Secret12345x", "--role", "Admin", "--club", "nowhere")]
    [InlineData("--email", "a@example.com", "--role", "Admin")]
    public async Task UsersCreateRejectsBadInputWithExitCode2AndWritesNothing(params string[] options)
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, ["users", "create", .. options]);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Contains("usage: Portal users create", run.Stderr);
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task UsersCreateRejectsADuplicateEmail()
    {
        string[] create = ["users", "create", "--email", "a@example.com", "--password", "Secret12345x", "--role", "Viewer"];
        Assert.Equal(CliApp.Ok, (await CliRun.RunAsync(database, create)).ExitCode);

        var again = await CliRun.RunAsync(database, create);

        Assert.Equal(CliApp.BadUsage, again.ExitCode);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task ApiKeysCreatePrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, "apikeys", "create", "--club", "mall", "--name", "Mobile app",
            "--permits", "BL:Api:Members:Create,bl:api:members:oauth", "--account", "Jaim1Cu1Q55uooxSens6yk");

        Assert.Equal(CliApp.Ok, run.ExitCode);
        var key = run.LastLine;
        Assert.Matches("^pk_[A-Za-z0-9-]+_[A-Za-z0-9-]{40,}$", key);
        Assert.Equal(0, database.Scalar($"SELECT COUNT(*) FROM ApiKeys WHERE SecretHash LIKE '%{key}%' OR Prefix = '{key}'"));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM ApiKeys WHERE Permits = 'BL:Api:Members:Create,BL:Api:Members:OAuth' AND AccountId = 'Jaim1Cu1Q55uooxSens6yk'"));

        await using var host = PortalServices.BuildCliHost(database.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindActiveAsync(key);
        Assert.NotNull(found);
        Assert.Equal("mall", found.ClubSlug);
    }

    [Fact]
    public async Task ApiKeysWithoutPermitsGetAll()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, "apikeys", "create", "--club", "mall", "--name", "Ops", "--permits", "all");

        Assert.Equal(CliApp.Ok, run.ExitCode);
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM ApiKeys WHERE Permits = '{string.Join(',', ApiPermits.All)}'"));
    }

    [Theory]
    [InlineData("--club", "nowhere", "--name", "K")]
    [InlineData("--club", "mall", "--name", "K", "--permits", "BL:Api:Everything")]
    [InlineData("--club", "mall", "--name", "K", "--account", "has spaces")]
    [InlineData("--club", "mall")]
    public async Task ApiKeysCreateRejectsBadInputWithExitCode2AndWritesNothing(params string[] options)
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, ["apikeys", "create", .. options]);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Contains("usage: Portal apikeys create", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM ApiKeys"));
    }

    [Fact]
    public async Task ApiKeysListShowsKeysAndRevokeDisablesOne()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");
        var key = (await CliRun.RunAsync(database, "apikeys", "create", "--club", "mall", "--name", "Mobile app")).LastLine;
        var id = database.Scalar("SELECT Id FROM ApiKeys");

        var list = await CliRun.RunAsync(database, "apikeys", "list", "--club", "mall");
        Assert.Equal(CliApp.Ok, list.ExitCode);
        Assert.Contains("Mobile app", list.Stdout);
        Assert.Contains("active", list.Stdout);
        Assert.DoesNotContain(key, list.Stdout);

        var revoke = await CliRun.RunAsync(database, "apikeys", "revoke", "--club", "mall", "--id", id.ToString());
        Assert.Equal(CliApp.Ok, revoke.ExitCode);
        Assert.Contains("revoked", (await CliRun.RunAsync(database, "apikeys", "list", "--club", "mall")).Stdout);

        await using var host = PortalServices.BuildCliHost(database.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindActiveAsync(key));
    }

    [Theory]
    [InlineData("--club", "mall", "--id", "abc")]
    [InlineData("--club", "mall", "--id", "999")]
    [InlineData("--club", "other", "--id", "1")]
    public async Task ApiKeysRevokeRejectsUnknownKeysWithExitCode2(params string[] options)
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "other", "--name", "Other");
        await CliRun.RunAsync(database, "apikeys", "create", "--club", "mall", "--name", "K");

        var run = await CliRun.RunAsync(database, ["apikeys", "revoke", .. options]);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM ApiKeys WHERE RevokedAt IS NOT NULL"));
    }

    [Fact]
    public async Task AppletsCreatePrintsTheIdLastAndListShowsIt()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, "applets", "create", "--club", "mall", "--name", "Café stamps",
            "--image", "https://media.example.com/cafe.png", "--loyalty-program-id", "L001", "--test");

        Assert.Equal(CliApp.Ok, run.ExitCode);
        Assert.Matches("^[1-9A-HJ-NP-Za-km-z]{22}$", run.LastLine);
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM Applets WHERE Id = '{run.LastLine}' AND Test = 1 AND ExtensionsJson LIKE '%\"loyaltyProgramId\":\"L001\"%'"));
        var list = await CliRun.RunAsync(database, "applets", "list", "--club", "mall");
        Assert.Contains(run.LastLine, list.Stdout);
        Assert.Contains("Café stamps", list.Stdout);
    }

    [Theory]
    [InlineData("--club", "nowhere", "--name", "X")]
    [InlineData("--club", "mall", "--name", "X", "--image", "not a url")]
    [InlineData("--club", "mall", "--name", "X", "--test", "yes")]
    [InlineData("--club", "mall")]
    public async Task AppletsCreateRejectsBadInputWithExitCode2(params string[] options)
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");

        var run = await CliRun.RunAsync(database, ["applets", "create", .. options]);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM Applets"));
    }

    [Fact]
    public async Task DbMigrateCreatesTheSchemaAndIsIdempotent()
    {
        var first = await CliRun.RunAsync(database, "db", "migrate");
        var second = await CliRun.RunAsync(database, "db", "migrate");

        Assert.Equal(CliApp.Ok, first.ExitCode);
        Assert.Contains("Applied 10 migration(s): 20261122000000_InitialSchema, 20261122010000_PushConsole, 20261122020000_PushTemplatesAndTestDevices, 20261122030000_UserAdministration, 20261122040000_MemberNameSearch, 20261130111035_MemberPasswordAndVerification, 20261130111117_ConsentKindAndVersionDate, 20261130113631_SeveralInstances, 20261130115311_AuditChannel, 20261130173429_OneTimeCodeExpiryIndex", first.Stdout);
        Assert.Equal(CliApp.Ok, second.ExitCode);
        Assert.Contains("up to date", second.Stdout);
        Assert.Equal("wal", ScalarText("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task DbBackupCopiesAConsistentDatabase()
    {
        await CliRun.RunAsync(database, "clubs", "create", "--slug", "mall", "--name", "Mall");
        var target = Path.Combine(database.Folder, "backup.db");

        var run = await CliRun.RunAsync(database, "db", "backup", "--to", target);

        Assert.Equal(CliApp.Ok, run.ExitCode);
        using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target}");
        copy.Open();
        using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT Name FROM LoyaltyClubs";
        Assert.Equal("Mall", check.ExecuteScalar());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task DbBackupRefusesAnExistingFileOrMissingFolder(bool existingFile, bool missingFolder)
    {
        await CliRun.RunAsync(database, "db", "migrate");
        var target = missingFolder ? Path.Combine(database.Folder, "no", "such", "backup.db") : Path.Combine(database.Folder, "backup.db");
        if (existingFile)
        {
            await File.WriteAllTextAsync(target, "precious");
        }

        var run = await CliRun.RunAsync(database, "db", "backup", "--to", target);

        Assert.Equal(CliApp.BadUsage, run.ExitCode);
        if (existingFile)
        {
            Assert.Equal("precious", await File.ReadAllTextAsync(target));
        }
        else
        {
            Assert.False(File.Exists(target));
        }
    }

    private long ClubCount() => File.Exists(database.FilePath) && database.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'LoyaltyClubs'") == 1
        ? database.Scalar("SELECT COUNT(*) FROM LoyaltyClubs")
        : 0;

    private string? ScalarText(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
