using Portal.Cli;

namespace Portal.Features.Operations;

public class DbBackupCommand : CliCommand
{
    public override string Verb => "db backup";
    public override string Synopsis => "--to FILE";
    public override IReadOnlyList<CliOption> Options { get; } = [new("to", Required: true)];

    // A backup copies what is there; it must not change the source first.
    public override bool NeedsMigratedDatabase => false;

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var target = Path.GetFullPath(args.Required("to"));
        await services.GetRequiredService<DatabaseMaintenance>().BackupAsync(target, ct);
        stdout.WriteLine($"Backed up to {target}");
        return CliApp.Ok;
    }
}
