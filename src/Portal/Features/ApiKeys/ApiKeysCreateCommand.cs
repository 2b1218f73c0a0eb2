using Portal.Cli;

namespace Portal.Features.ApiKeys;

public class ApiKeysCreateCommand : CliCommand
{
    public override string Verb => "apikeys create";
    public override string Synopsis => "--club SLUG --name N [--permits P1,P2|all] [--account ID]";

    public override IReadOnlyList<CliOption> Options { get; } =
    [
        new("club", Required: true),
        new("name", Required: true),
        new("permits"),
        new("account"),
    ];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var issued = await services.GetRequiredService<ApiKeyService>()
            .CreateAsync(args.Required("club"), args.Required("name"), args.Get("permits"), args.Get("account"), Operator, ct);
        var info = issued.Value!.Info;
        stdout.WriteLine($"Created API key {info.Id} \"{info.Name}\" for club {info.ClubSlug}{(info.AccountId is null ? "" : $", acting for account {info.AccountId}")}.");
        stdout.WriteLine($"Permits: {string.Join(", ", info.Permits)}");
        stdout.WriteLine("Store the key now: only its hash is kept, it cannot be shown again.");
        // Scripts read the key from the last line.
        stdout.WriteLine(issued.Value.Key);
        return CliApp.Ok;
    }
}
