using System.Text.RegularExpressions;

namespace Portal.Tests.Documentation;

/// <summary>
/// bench/README.md's commands, run through <c>bash -c</c> from the repository root: its build block as written, then
/// every verb of its table with <c>$B</c> set as the README sets it. Only sizes, the database path and the PostgreSQL
/// server are changed (see <see cref="TinySizes"/>), so the run takes minutes instead of an hour.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed partial class BenchReadmeCommandsTests(Portal.Tests.PostgreSql.PostgresServerFixture postgres)
    : IDisposable, IClassFixture<Portal.Tests.PostgreSql.PostgresServerFixture>
{
    /// <summary>Per command; compare starts 18 servers (12 Portal processes, 6 ceilings), which on a busy machine takes minutes.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The README's sizes are for a real measurement (a million members, 20 s of load); these are bench/smoke.sh's
    /// tiny ones. Each must be found in the README as written, so a changed size there fails here until updated.
    /// </summary>
    private static readonly (string Written, string Tiny)[] TinySizes =
    [
        ("--members 1000000", "--members 3000"),
        ("--connections 32", "--connections 1"),
        ("--duration 20", "--duration 5 --warmup 1"),
        ("--duration 10", "--duration 3 --warmup 1"),
        ("--runs 30", "--runs 3"),
        ("--runs 3", "--runs 1"),
        ("--runs 5", "--runs 1"),
        ("--tokens 1000", "--tokens 50"),
        ("--sessions 20", "--sessions 1"),
        ("--pages 5", "--pages 1"),
    ];

    /// <summary>The README's example database; the test writes nowhere outside its temporary folder.</summary>
    private const string WrittenDatabase = "/tmp/bench/portal.db";

    private readonly TestDatabase folder = new(postgresServer: null);

    /// <summary>The README's PostgreSQL server is "yours": --postgres gets a fresh database on the test's server.</summary>
    private readonly List<TestDatabase> postgresDatabases = [];

    public void Dispose()
    {
        folder.Dispose();
        postgresDatabases.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task EveryBenchCommandWorksWithTinySizes()
    {
        var readme = File.ReadAllText(Path.Combine(PortalBuild.RepositoryRoot, "bench", "README.md"));
        var setUp = MarkdownCode.ShellBlockUnder(readme, "# Benchmarks");
        var commands = MarkdownCode.TableColumn(readme, "command");
        var database = Path.Combine(folder.Folder, "bench.db");
        var sizesUsed = new HashSet<string>();
        var environment = new Dictionary<string, string?>();

        // The build line(s) as written, once; the B=... line is kept in front of every verb, as in the reader's shell.
        var build = string.Join('\n', setUp.Where(l => !l.StartsWith("B=")));
        var built = await ShellCommand.RunAsync(build, environment, CommandTimeout);
        Assert.True(built.ExitCode == 0, $"`{build}`: {built}");
        var assignment = Assert.Single(setUp, l => l.StartsWith("B="));

        foreach (var written in commands)
        {
            Assert.StartsWith("$B ", written);
            var line = written.Replace(WrittenDatabase, database);
            foreach (var (size, tiny) in TinySizes.Where(s => Regex.IsMatch(line, Regex.Escape(s.Written) + @"(\s|$)")))
            {
                line = Regex.Replace(line, Regex.Escape(size) + @"(?=\s|$)", tiny);
                sizesUsed.Add(size);
            }
            if (PostgresOption().IsMatch(line))
            {
                var copyTarget = new TestDatabase(postgres.Server);
                postgresDatabases.Add(copyTarget);
                line = PostgresOption().Replace(line, $"--postgres \"{copyTarget.ConnectionString}\"", 1);
            }

            var run = await ShellCommand.RunAsync($"{assignment}\n{line}", environment, CommandTimeout);

            var report = $"bench/README.md `{written}`, run as `{line}`: {run}";
            Assert.True(run.ExitCode == 0, report);
            var verb = line.Split(' ')[1];
            switch (verb)
            {
                case "seed":
                    Assert.True(File.Exists(database + ".bench.json"), report);
                    break;
                case "api":
                    Assert.True(run.Stdout.Contains("RESULT register-token"), report);
                    break;
                case "compare":
                    // The PostgreSQL copy was made by Portal's db copy, and the table has both engines.
                    Assert.True(run.Stdout.Contains("RESULT db-copy") && run.Stdout.Contains("## SQLite and PostgreSQL side by side: medians of 1 run(s)")
                        && run.Stdout.Contains("| show-member | PostgreSQL |"), report);
                    break;
                case "full":
                    Assert.True(run.Stdout.Contains("## Medians of 1 run(s)") && run.Stdout.Contains("RESULT register-token-during-create"), report);
                    break;
                case "startup":
                    Assert.True(run.Stdout.Contains("RESULT startup"), report);
                    break;
                case "queries":
                case "push":
                case "circuits":
                    Assert.True(run.Stdout.Trim().Length > 0, report);
                    break;
                default:
                    Assert.Fail($"bench/README.md `{written}`: this test has no expectation for '{verb}'; add one.");
                    break;
            }
        }

        Assert.Equal(TinySizes.Select(s => s.Written).Order(), sizesUsed.Order());
    }

    [GeneratedRegex("--postgres \"[^\"]*\"")]
    private static partial Regex PostgresOption();
}
