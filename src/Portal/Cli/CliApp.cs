using Portal.Features.ApiKeys;
using Portal.Features.Applets;
using Portal.Features.Clubs;
using Portal.Features.Operations;
using Portal.Features.Users;

namespace Portal.Cli;

/// <summary>
/// The operations CLI on the same executable as the web app: <c>Portal VERB ...</c>. Exit codes: 0 done,
/// 1 failed unexpectedly, 2 bad arguments or input (usage on stderr, nothing written).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static readonly IReadOnlyList<CliCommand> Commands =
    [
        new UsersCreateCommand(),
        new ClubsCreateCommand(),
        new ClubsListCommand(),
        new ApiKeysCreateCommand(),
        new ApiKeysListCommand(),
        new ApiKeysRevokeCommand(),
        new AppletsCreateCommand(),
        new AppletsListCommand(),
        new DbMigrateCommand(),
        new DbBackupCommand(),
        new DbCopyCommand(),
    ];

    /// <summary>
    /// A CLI call starts with a bare word (a verb). Host arguments such as <c>--urls</c>, and those
    /// WebApplicationFactory passes, start with dashes and mean "run the web app".
    /// </summary>
    public static bool IsCliInvocation(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Runs one verb. <paramref name="settings"/> overrides appsettings and the environment (tests use it for the database).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        IReadOnlyDictionary<string, string?>? settings = null, CancellationToken ct = default)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (args is ["help"] or ["--help"] or ["-h"])
        {
            stdout.WriteLine(GeneralUsage());
            return Ok;
        }

        var command = Commands
            .Where(c => Matches(args, c.Verb))
            .MaxBy(c => c.Verb.Length);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'.");
            stderr.WriteLine(GeneralUsage());
            return BadUsage;
        }

        CliArguments parsed;
        try
        {
            parsed = CliArguments.Parse(args[command.Verb.Split(' ').Length..], command.Options);
        }
        catch (CliUsageException e)
        {
            return Usage(stderr, command, e.Message);
        }

        try
        {
            await using var host = PortalServices.BuildCliHost(settings);
            // Everything a verb uses comes from one scope: DatabaseMaintenance and the feature services are scoped,
            // and the root provider refuses them wherever scopes are validated (always, for the CLI host).
            await using var scope = host.Services.CreateAsyncScope();
            if (command.NeedsMigratedDatabase && scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.MigrateOnStartup)
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync(ct);
            }
            return await command.RunAsync(parsed, scope.ServiceProvider, stdout, stderr, ct);
        }
        catch (CliUsageException e)
        {
            return Usage(stderr, command, e.Message);
        }
        catch (PortalValidationException e)
        {
            return Usage(stderr, command, $"--{e.Field}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }

    private static bool Matches(string[] args, string verb)
    {
        var words = verb.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(m => m);
    }

    private static int Usage(TextWriter stderr, CliCommand command, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine($"usage: {command.Usage}");
        return BadUsage;
    }

    private static string GeneralUsage() =>
        "usage: Portal [VERB [OPTIONS]]   (no verb: run the web app)\n\nverbs:\n"
        + string.Join('\n', Commands.Select(c => $"  {c.Usage}"));
}
