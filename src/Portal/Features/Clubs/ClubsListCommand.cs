using Portal.Cli;

namespace Portal.Features.Clubs;

public class ClubsListCommand : CliCommand
{
    public override string Verb => "clubs list";
    public override string Synopsis => "";
    public override IReadOnlyList<CliOption> Options { get; } = [];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var clubs = await services.GetRequiredService<ClubService>().ListAsync(ct);
        stdout.WriteLine($"{"SLUG",-24} {"LANG",-5} {"TIME ZONE",-20} NAME");
        foreach (var club in clubs)
        {
            stdout.WriteLine($"{club.Slug,-24} {club.DefaultLanguage,-5} {club.TimeZone,-20} {club.Name}");
        }
        return CliApp.Ok;
    }
}
