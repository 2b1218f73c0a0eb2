using Portal.Cli;
using Portal.Features.Clubs;

namespace Portal.Features.Applets;

public class AppletsListCommand : CliCommand
{
    public override string Verb => "applets list";
    public override string Synopsis => "--club SLUG";
    public override IReadOnlyList<CliOption> Options { get; } = [new("club", Required: true)];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var club = await services.GetRequiredService<ClubService>().FindAsync(args.Required("club"), ct)
            ?? throw new PortalValidationException("club", $"No club with slug '{args.Get("club")}'.");
        stdout.WriteLine($"{"ID",-24} {"STATE",-9} {"MEMBERS",7}  NAME");
        foreach (var applet in await services.GetRequiredService<AppletService>().ListAsync(club.Id, ct))
        {
            var state = applet.ArchivedAt is not null ? "archived" : applet.Test ? "test" : "live";
            stdout.WriteLine($"{applet.Id,-24} {state,-9} {applet.Members,7}  {applet.Name}");
        }
        return CliApp.Ok;
    }
}
