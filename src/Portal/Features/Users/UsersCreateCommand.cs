using Portal.Cli;

namespace Portal.Features.Users;

public class UsersCreateCommand : CliCommand
{
    public override string Verb => "users create";
    public override string Synopsis => "--email E --password P --role Admin|Marketer|Viewer [--club SLUG]...";

    public override IReadOnlyList<CliOption> Options { get; } =
    [
        new("email", Required: true),
        new("password", Required: true),
        new("role", Required: true),
        new("club", Repeatable: true),
    ];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var clubs = args.GetAll("club");
        var user = await services.GetRequiredService<UserAccountService>()
            .CreateAsync(args.Required("email"), args.Required("password"), args.Required("role"), clubs, Operator, ct: ct);
        stdout.WriteLine($"Created user {user.Email} ({args.Required("role")}) with {(clubs.Count == 0 ? "no club" : string.Join(", ", clubs))}.");
        return CliApp.Ok;
    }
}
