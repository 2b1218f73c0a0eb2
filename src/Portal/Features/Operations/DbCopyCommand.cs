using Portal.Cli;

namespace Portal.Features.Operations;

public class DbCopyCommand : CliCommand
{
    public override string Verb => "db copy";
    public override string Synopsis => "--to POSTGRESQL_CONNECTION_STRING";
    public override IReadOnlyList<CliOption> Options { get; } = [new("to", Required: true)];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var tables = await services.GetRequiredService<DatabaseCopy>().CopyToPostgreSqlAsync(args.Required("to"), ct);
        foreach (var table in tables)
        {
            stdout.WriteLine($"{table.Table}: {table.Rows} rows");
        }
        stdout.WriteLine($"Copied {tables.Sum(t => t.Rows)} rows in {tables.Count} tables; every table's count matches.");
        return CliApp.Ok;
    }
}
