using System.Text.Json.Nodes;
using Portal.Cli;
using Portal.Features.Clubs;

namespace Portal.Features.Applets;

public class AppletsCreateCommand : CliCommand
{
    public override string Verb => "applets create";
    public override string Synopsis => "--club SLUG --name N [--image URL] [--loyalty-program-id ID] [--test]";

    public override IReadOnlyList<CliOption> Options { get; } =
    [
        new("club", Required: true),
        new("name", Required: true),
        new("image"),
        new("loyalty-program-id"),
        new("test", IsFlag: true),
    ];

    public override async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var club = await services.GetRequiredService<ClubService>().FindAsync(args.Required("club"), ct)
            ?? throw new PortalValidationException("club", $"No club with slug '{args.Get("club")}'.");
        var extensions = new JsonArray();
        if (args.Get("loyalty-program-id") is { } programId)
        {
            // The URLs of Centrapay's loyalty programme API, as in its applet examples.
            var programUrl = $"service.centrapay.com/api/loyaltyPrograms/{Uri.EscapeDataString(programId)}";
            extensions.Add(AppletExtensions.Loyalty(programId, $"{programUrl}/promotions", $"{programUrl}/promotionMemberships", programUrl));
        }
        var applet = (await services.GetRequiredService<AppletService>()
            .CreateAsync(club.Id, new AppletInput(args.Required("name"), args.Get("image"), null, null, args.Has("test"), extensions), Operator, ct)).Value!;
        stdout.WriteLine($"Created applet \"{applet.Name}\" in club {club.Slug}{(applet.Test ? " (test)" : "")}.");
        // Scripts read the id from the last line.
        stdout.WriteLine(applet.Id);
        return CliApp.Ok;
    }
}
