using Portal.Cli;

namespace Portal.Tests.Cli;

/// <summary>The outcome of one in-process CLI call.</summary>
public record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n').Last().Trim();

    public static async Task<CliRun> RunAsync(TestDatabase database, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, database.Settings);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
