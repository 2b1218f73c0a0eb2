using System.Net;
using System.Reflection.PortableExecutable;
using System.Text;
using Portal.Testing;

namespace Portal.Tests.Documentation;

/// <summary>
/// README.md's "Publish" lines as written (only the output folder, the database and the port are this test's own):
/// the publish makes a ReadyToRun build, and the published executable serves /health and the pages' script.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed class ReadmePublishCommandTests : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task ThePublishedBuildIsReadyToRunAndServesHealth()
    {
        var readme = File.ReadAllText(Path.Combine(PortalBuild.RepositoryRoot, "README.md"));
        var lines = MarkdownCode.ShellBlockUnder(readme, "## Publish");
        Assert.Equal(2, lines.Count);
        var output = Path.Combine(database.Folder, "published");
        var publish = lines[0].Replace("-o out/portal", $"-o {output}");
        Assert.NotEqual(lines[0], publish);

        var published = await ShellCommand.RunAsync(publish, new Dictionary<string, string?>(), PublishTimeout);
        Assert.True(published.ExitCode == 0, $"`{publish}`: {published}");
        Assert.True(IsReadyToRun(Path.Combine(output, "Portal.dll")), "Portal.dll of the published build is not ReadyToRun.");
        Assert.False(File.Exists(Path.Combine(output, "System.Private.CoreLib.dll")), "The published build carries the runtime: it is meant to be framework-dependent.");

        var url = $"http://127.0.0.1:{PortalProcess.FreeLoopbackPort()}";
        var run = lines[1].Replace("/var/lib/portal/portal.db", database.FilePath).Replace("cd out/portal ", $"cd {output} ").Replace("http://127.0.0.1:5080", url);
        Assert.NotEqual(lines[1], run);
        var log = new StringBuilder();
        using var app = ShellCommand.Start(run, new Dictionary<string, string?>(), log);
        try
        {
            await PortalProcess.WaitForOkAsync(new Uri(url + "/health"), app, TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_content/MudBlazor/MudBlazor.min.js")).StatusCode);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            lock (log)
            {
                throw new Xunit.Sdk.XunitException($"`{run}` did not serve {url}: {e.Message}\n--- output ---\n{log}");
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    // A ReadyToRun assembly carries precompiled code, announced by its CLI header's managed native header.
    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
