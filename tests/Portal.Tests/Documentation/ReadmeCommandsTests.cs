using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Cli;
using Portal.Testing;

namespace Portal.Tests.Documentation;

/// <summary>
/// README.md's commands, run as a reader runs them: each line through <c>bash -c</c> from the repository root,
/// <c>dotnet run --project src/Portal</c> with its launch profile (so the Development environment), against a
/// temporary database given by <c>ConnectionStrings__Portal</c>. A README command that stops working fails here.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed partial class ReadmeCommandsTests(Portal.Tests.PostgreSql.PostgresServerFixture postgres)
    : IDisposable, IClassFixture<Portal.Tests.PostgreSql.PostgresServerFixture>
{
    private const string DotnetRun = "dotnet run --project src/Portal";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    // The README's commands run on SQLite (the default); db copy's target is a database on a PostgreSQL server.
    private readonly TestDatabase database = new(postgresServer: null);
    private TestDatabase? copyTarget;

    public void Dispose()
    {
        database.Dispose();
        copyTarget?.Dispose();
    }

    private static string Readme => File.ReadAllText(Path.Combine(PortalBuild.RepositoryRoot, "README.md"));

    private Dictionary<string, string?> Environment => new() { ["ConnectionStrings__Portal"] = database.ConnectionString };

    [Fact]
    public async Task TheRunCommandServesHealthOnItsAddressAndPrintsTheFirstRunAdmin()
    {
        var line = Assert.Single(MarkdownCode.ShellBlockUnder(Readme, "## Run"));
        Assert.Equal(DotnetRun, line);
        // As written when the README's port is free. Another checkout's test run on this machine may hold 5080;
        // then (only then) the same line gets a free port with --urls, which the README documents as the override.
        var url = "http://127.0.0.1:5080";
        if (!PortIsFree(5080))
        {
            url = $"http://127.0.0.1:{PortalProcess.FreeLoopbackPort()}";
            line += $" -- --urls {url}";
        }

        var output = new StringBuilder();
        using var app = ShellCommand.Start(line, Environment, output);
        try
        {
            await PortalProcess.WaitForOkAsync(new Uri(url + "/health"), app, CommandTimeout);
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            using var script = await http.GetAsync("/_framework/blazor.web.js");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"`{line}` did not serve {url}/health: {e.Message}\n--- output ---\n{Text(output)}");
        }
        finally
        {
            // dotnet run starts the app as its own child: the whole tree goes.
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        var log = Text(output);
        Assert.Contains("Using launch settings from", log);
        Assert.Contains($"Now listening on: {url}", log);
        Assert.Contains("Hosting environment: Development", log);
        Assert.Contains("Portal first run: an Admin account was created", log);
        Assert.Matches(@"Password:\s+\S{12,}", log);
    }

    [Fact]
    public async Task EveryOperationsCliLineWorksAsWritten()
    {
        var lines = MarkdownCode.ShellBlockUnder(Readme, "## Operations CLI");
        var backupFolder = Path.Combine(database.Folder, "backups");
        Directory.CreateDirectory(backupFolder);
        string? createdKeyId = null;
        var verbsRun = new List<string>();

        foreach (var written in lines)
        {
            Assert.StartsWith(DotnetRun + " -- ", written);
            var line = OptionalPart().Replace(written, "");
            var verb = string.Join(' ', line[(DotnetRun.Length + 4)..].Split(' ').TakeWhile(w => !w.StartsWith('-')));
            if (verb == "apikeys revoke")
            {
                // "--id 3" stands for "the id apikeys create printed"; on a fresh database that is the created key.
                Assert.NotNull(createdKeyId);
                line = ReplaceOnce(line, IdOption(), $"--id {createdKeyId}");
            }
            if (verb == "db backup")
            {
                // The README's /backups/... is "a path of your choosing": a test machine has no /backups and a test
                // writes nowhere outside its temporary folder, so only the folder is swapped; the file name stays.
                line = ReplaceOnce(line, ToOption(), m => $"--to {Path.Combine(backupFolder, Path.GetFileName(m.Groups[1].Value))}");
            }

            if (verb == "db copy")
            {
                // The README's server is "yours": the copy goes to a fresh database on the test's PostgreSQL server.
                copyTarget = new TestDatabase(postgres.Server);
                line = ReplaceOnce(line, QuotedToOption(), $"--to \"{copyTarget.ConnectionString}\"");
            }

            var run = await ShellCommand.RunAsync(line, Environment, CommandTimeout);
            var report = $"README line `{written}`, run as `{line}`: {run}";
            Assert.True(run.ExitCode == CliApp.Ok, report);
            verbsRun.Add(verb);
            switch (verb)
            {
                case "clubs create":
                    Assert.True(run.Stdout.Contains("Created club city-centre"), report);
                    break;
                case "clubs list":
                    Assert.True(run.Stdout.Contains("city-centre") && run.Stdout.Contains("City Centre"), report);
                    break;
                case "users create":
                    Assert.True(run.Stdout.Contains("Created user ann@example.com (Admin) with city-centre"), report);
                    break;
                case "apikeys create":
                    // The key alone on the last line, as the README says.
                    Assert.True(ApiKey().IsMatch(run.LastLine), report);
                    createdKeyId = CreatedKeyId().Match(run.Stdout) is { Success: true } id ? id.Groups[1].Value : throw new Xunit.Sdk.XunitException(report);
                    break;
                case "apikeys list":
                    Assert.True(run.Stdout.Contains("Mall app"), report);
                    break;
                case "apikeys revoke":
                    Assert.True(run.Stdout.Contains($"Revoked API key {createdKeyId} \"Mall app\""), report);
                    break;
                case "applets create":
                    // The applet's public id (what the Centrapay API takes) alone on the last line.
                    Assert.True(PublicId().IsMatch(run.LastLine), report);
                    break;
                case "applets list":
                    Assert.True(run.Stdout.Contains("Café stamps"), report);
                    break;
                case "db migrate":
                    break;
                case "db backup":
                    var copy = Assert.Single(Directory.GetFiles(backupFolder));
                    Assert.True(new FileInfo(copy).Length > 0, report);
                    break;
                case "db copy":
                    Assert.True(run.Stdout.Contains("every table's count matches"), report);
                    Assert.True(copyTarget!.Scalar("SELECT COUNT(*) FROM LoyaltyClubs WHERE Slug = 'city-centre'") == 1, report);
                    break;
                case "help":
                    Assert.True(run.Stdout.Contains("usage: Portal"), report);
                    break;
                default:
                    Assert.Fail($"README line `{written}`: this test has no expectation for '{verb}'; add one.");
                    break;
            }
        }

        // Every verb the CLI has is documented (and so run) here.
        Assert.Empty(CliApp.Commands.Select(c => c.Verb).Except(verbsRun));
    }

    [Fact]
    public async Task TheRunningOnPostgreSqlLinesMigrateAndServeAPostgreSqlDatabase()
    {
        var lines = MarkdownCode.ShellBlockUnder(Readme, "## Running on PostgreSQL");
        Assert.Equal("export Portal__Database=PostgreSql", lines[0]);
        Assert.StartsWith("export ConnectionStrings__Portal=", lines[1]);
        Assert.Equal(DotnetRun + " -- db migrate", lines[2]);
        Assert.Equal(DotnetRun, lines[3]);
        // The README's server is "yours": the lines run against a fresh database on the test's PostgreSQL server.
        copyTarget = new TestDatabase(postgres.Server);
        var exports = $"{lines[0]}\nexport ConnectionStrings__Portal=\"{copyTarget.ConnectionString}\"\n";
        var environment = new Dictionary<string, string?>();

        var migrate = await ShellCommand.RunAsync(exports + lines[2], environment, CommandTimeout);
        Assert.True(migrate.ExitCode == CliApp.Ok, $"`{lines[2]}`: {migrate}");
        Assert.Contains("Applied", migrate.Stdout);

        var url = $"http://127.0.0.1:{PortalProcess.FreeLoopbackPort()}";
        var output = new StringBuilder();
        using var app = ShellCommand.Start($"{exports}{lines[3]} -- --urls {url}", environment, output);
        try
        {
            await PortalProcess.WaitForOkAsync(new Uri(url + "/health"), app, CommandTimeout);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"`{lines[3]}` did not serve {url}/health: {e.Message}\n--- output ---\n{Text(output)}");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
        // The Development profile seeds the demo club, on PostgreSQL.
        Assert.Equal(1, copyTarget.Scalar("SELECT COUNT(*) FROM LoyaltyClubs WHERE Slug = 'infinity-mall'"));
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ReplaceOnce(string line, Regex pattern, string replacement) => ReplaceOnce(line, pattern, _ => replacement);

    private static string ReplaceOnce(string line, Regex pattern, MatchEvaluator replacement)
    {
        Assert.True(pattern.Matches(line).Count == 1, $"expected one {pattern} in `{line}`");
        return pattern.Replace(line, replacement);
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>An optional part, <c> [--club other]</c>: left out, as the reader may.</summary>
    [GeneratedRegex(@"\s*\[[^\]]*\]")]
    private static partial Regex OptionalPart();

    [GeneratedRegex(@"--id \d+")]
    private static partial Regex IdOption();

    [GeneratedRegex(@"--to (\S+)")]
    private static partial Regex ToOption();

    [GeneratedRegex("--to \"[^\"]*\"")]
    private static partial Regex QuotedToOption();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{20,}$")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"^[A-Za-z0-9]{16,}$")]
    private static partial Regex PublicId();

    [GeneratedRegex(@"Created API key (\d+) ")]
    private static partial Regex CreatedKeyId();
}
