using System.Globalization;
using Portal.Cli;

namespace Portal.Features.ApiKeys;

public class ApiKeysRevokeCommand : CliCommand
{
    public override string Verb => "apikeys revoke";
    public override string Synopsis => "--club SLUG --id ID";
    public override IReadOnlyList<CliOption> Options { get; } = [new("club", Required: true), new("id", Required: true)];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!int.TryParse(args.Required("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CliUsageException($"--id must be a key id as shown by 'apikeys list', not '{args.Get("id")}'.");
        }
        var key = (await services.GetRequiredService<ApiKeyService>().RevokeAsync(args.Required("club"), id, Operator, ct)).Value!;
        stdout.WriteLine($"Revoked API key {key.Id} \"{key.Name}\" of club {key.ClubSlug}.");
        return CliApp.Ok;
    }
}
