using Portal.Cli;

namespace Portal.Features.Clubs;

public class ClubsCreateCommand : CliCommand
{
    public override string Verb => "clubs create";
    public override string Synopsis => "--slug S --name N [--default-language no] [--time-zone Europe/Oslo]";

    public override IReadOnlyList<CliOption> Options { get; } =
    [
        new("slug", Required: true),
        new("name", Required: true),
        new("default-language"),
        new("time-zone"),
    ];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var club = await services.GetRequiredService<ClubService>().CreateAsync(
            args.Required("slug"), args.Required("name"), Operator, args.Get("default-language") ?? "en", args.Get("time-zone") ?? "UTC", ct);
        stdout.WriteLine($"Created club {club.Slug} \"{club.Name}\" (language {club.DefaultLanguage}, time zone {club.TimeZone}).");
        stdout.WriteLine("Grant it to users with: Portal users create ... --club " + club.Slug);
        return CliApp.Ok;
    }
}
