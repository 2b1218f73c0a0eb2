using Portal.Testing;

namespace Portal.Tests.Cli;

/// <summary>
/// The CLI through the real entry point: the built executable as its own process, in Development (what
/// <c>dotnet run</c> gives a reader, where scopes are validated) and in Production (what ships). The in-process
/// tests in <see cref="CliAppTests"/> cannot see what only the process sees: the environment, Program.cs, exit codes.
/// </summary>
public class CliProcessTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task ClubsCreateExits0AndTheClubIsListed(string environment)
    {
        var created = await RunAsync(environment, "clubs", "create", "--slug", "city-centre", "--name", "City Centre", "--default-language", "no", "--time-zone", "Europe/Oslo");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("city-centre", created.Stdout);
        Assert.Equal("", created.Stderr);

        var listed = await RunAsync(environment, "clubs", "list");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("City Centre", listed.Stdout);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task UsersCreateAndApiKeysCreateResolveTheirServicesInEveryEnvironment(string environment)
    {
        Assert.Equal(0, (await RunAsync(environment, "clubs", "create", "--slug", "mall", "--name", "Mall")).ExitCode);

        var user = await RunAsync(environment, "users", "create", "--email", "ann@example.com", "--password", "S3cure-enough", "--role", "Admin", "--club", "mall");
        var key = await RunAsync(environment, "apikeys", "create", "--club", "mall", "--name", "Mall app");

        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.True(key.ExitCode == 0, key.ToString());
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", key.LastLine);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task BadArgumentsExit2WithUsageOnStderrAndNothingOnStdout(string environment)
    {
        Assert.Equal(0, (await RunAsync(environment, "clubs", "create", "--slug", "mall", "--name", "Mall")).ExitCode);

        var run = await RunAsync(environment, "clubs", "create", "--slug", "Bad Slug", "--name", "X");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Stderr);
        Assert.Contains("usage: Portal clubs create", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM LoyaltyClubs"));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task UnknownVerbExits2WithTheVerbList(string environment)
    {
        var run = await RunAsync(environment, "frobnicate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("unknown command 'frobnicate'", run.Stderr);
        Assert.Contains("Portal db backup", run.Stderr);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task ADatabaseFileThatIsNotSqliteExits1WithTheReason(string environment)
    {
        // An unexpected failure (not the caller's arguments): the file at the configured path is not a database.
        await File.WriteAllTextAsync(database.FilePath, "this is not a SQLite database, it is a text file long enough to have a header");

        var run = await RunAsync(environment, "clubs", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: ", run.Stderr);
        Assert.Contains("not a database", run.Stderr);
        Assert.DoesNotContain("usage:", run.Stderr);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task ADatabasePathThatIsAFolderExits1(string environment)
    {
        var folder = Path.Combine(database.Folder, "a-folder.db");
        Directory.CreateDirectory(folder);

        var run = await PortalProcess.RunToExitAsync(PortalBuild.Executable, ["clubs", "list"], Environment(environment, $"Data Source={folder}"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("error: ", run.Stderr);
    }

    private Task<ProcessResult> RunAsync(string environment, params string[] args) =>
        PortalProcess.RunToExitAsync(PortalBuild.Executable, args, Environment(environment, database.ConnectionString));

    private static Dictionary<string, string?> Environment(string environment, string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environment,
        ["DOTNET_ENVIRONMENT"] = environment,
        ["ConnectionStrings__Portal"] = connectionString,
    };
}
