using Portal.Cli;

namespace Portal.Features.Operations;

public class DbMigrateCommand : CliCommand
{
    public override string Verb => "db migrate";
    public override string Synopsis => "";
    public override IReadOnlyList<CliOption> Options { get; } = [];

    // It is the migration itself, whatever Portal:MigrateOnStartup says.
    public override bool NeedsMigratedDatabase => false;

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var applied = await services.GetRequiredService<DatabaseMaintenance>().MigrateAsync(ct);
        stdout.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");
        return CliApp.Ok;
    }
}
