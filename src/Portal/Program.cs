using Portal;
using Portal.Cli;

if (CliApp.IsCliInvocation(args))
{
    return await CliApp.RunAsync(args);
}

var app = PortalWebApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
