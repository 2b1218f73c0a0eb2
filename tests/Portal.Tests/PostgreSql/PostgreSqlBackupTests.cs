using Portal.Testing;

namespace Portal.Tests.PostgreSql;

/// <summary><c>db backup</c> on PostgreSQL: a <c>pg_dump</c> archive, or a clear message when pg_dump is not on the PATH.</summary>
public sealed class PostgreSqlBackupTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TestDatabase database = new(postgres.Server);

    public void Dispose() => database.Dispose();

    private Dictionary<string, string?> Environment(string? path = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Portal__Database"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (path is not null)
        {
            environment["PATH"] = path;
        }
        return environment;
    }

    [Fact]
    public async Task WritesAPgDumpArchiveOfTheDatabase()
    {
        Assert.Equal(0, (await PortalProcess.RunToExitAsync(PortalBuild.Executable, ["clubs", "create", "--slug", "dump-mall", "--name", "Dump Mall"], Environment())).ExitCode);
        var target = Path.Combine(database.Folder, "portal.dump");

        var run = await PortalProcess.RunToExitAsync(PortalBuild.Executable, ["db", "backup", "--to", target], Environment());

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        // pg_dump's custom format starts with its magic bytes.
        Assert.Equal("PGDMP"u8.ToArray(), File.ReadAllBytes(target)[..5]);
    }

    [Fact]
    public async Task SaysWhatToInstallWhenPgDumpIsNotOnThePath()
    {
        var target = Path.Combine(database.Folder, "portal.dump");

        var run = await PortalProcess.RunToExitAsync(PortalBuild.Executable, ["db", "backup", "--to", target], Environment(path: database.Folder));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pg_dump, which is not on the PATH", run.Stderr);
        Assert.False(File.Exists(target));
    }
}
