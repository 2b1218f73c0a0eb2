using System.Diagnostics;

namespace Portal.Tests.PostgreSql;

/// <summary>
/// A PostgreSQL server for the tests that need one in every run: the one <c>PORTAL_TEST_POSTGRES</c> names
/// (scripts/test.sh's cluster), or else a throwaway cluster of its own, started and stopped with
/// <c>scripts/postgres.sh</c> (initdb and pg_ctl of Debian's PostgreSQL 15).
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private string? ownCluster;

    public string Server { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (TestDatabase.PostgresServer is { } shared)
        {
            Server = shared;
            return;
        }
        ownCluster = Directory.CreateTempSubdirectory("portal-pg-").FullName;
        var (exitCode, stdout, stderr) = await ScriptAsync("start", ownCluster);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh start failed ({exitCode}):\n{stderr}");
        }
        Server = stdout.Trim().Split('\n')[^1];
    }

    public async Task DisposeAsync()
    {
        if (ownCluster is not null)
        {
            await ScriptAsync("stop", ownCluster);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ScriptAsync(string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(PortalBuild.RepositoryRoot, "scripts", "postgres.sh"), command, folder })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
