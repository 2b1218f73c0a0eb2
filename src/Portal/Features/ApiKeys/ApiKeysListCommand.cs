using Portal.Cli;

namespace Portal.Features.ApiKeys;

public class ApiKeysListCommand : CliCommand
{
    public override string Verb => "apikeys list";
    public override string Synopsis => "--club SLUG";
    public override IReadOnlyList<CliOption> Options { get; } = [new("club", Required: true)];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(args.Required("club"), ct);
        stdout.WriteLine($"{"ID",-5} {"STATE",-8} {"PREFIX",-14} {"CREATED (UTC)",-17} {"LAST USED (UTC)",-17} {"ACCOUNT",-12} NAME / PERMITS");
        foreach (var key in keys)
        {
            var state = key.RevokedAt is null ? "active" : "revoked";
            stdout.WriteLine($"{key.Id,-5} {state,-8} {key.Prefix,-14} {key.CreatedAt:yyyy-MM-dd HH:mm} {key.LastUsedAt?.ToString("yyyy-MM-dd HH:mm") ?? "never",-17} {key.AccountId ?? "-",-12} {key.Name} / {string.Join(",", key.Permits)}");
        }
        return CliApp.Ok;
    }
}
