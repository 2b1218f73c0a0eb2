using Microsoft.AspNetCore.Hosting;

namespace Portal.Bench;

/// <summary>
/// Portal's web app (the same Release assembly and start-up code, <see cref="PortalWebApp.Build"/>) hosted in a child
/// process of the bench that adds one endpoint, <c>/bench/memory</c>: the managed heap after a full, compacting
/// collection. Reading a managed heap from another process needs diagnostics packages our mirror lacks; this is the
/// smallest honest way to see what circuits hold.
/// </summary>
public static class PortalInProcessHost
{
    public const string Verb = "portal-host";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var urls = args.String("urls");
        args.EnsureAllUsed();
        var info = SeedInfo.Load(db);
        var manifest = Path.Combine(BuildPaths.PortalOutputDirectory, "Portal.staticwebassets.runtime.json");
        var app = PortalWebApp.Build(
        [
            "--urls", urls,
            "--environment", "Production",
            $"--ConnectionStrings:Portal={PortalServicesHost.ConnectionString(db)}",
            $"--Portal:DataProtectionKeysPath={info.DataProtectionKeysPath}",
            "--Portal:SeedDemoData=false",
            $"--{WebHostDefaults.StaticWebAssetsKey}={manifest}",
            // Quiet console: the parent only reads it on failure.
            "--Logging:LogLevel:Default=Warning",
        ]);
        app.MapGet("/bench/memory", () =>
        {
            for (var i = 0; i < 3; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            return Results.Json(new { managedBytes = GC.GetTotalMemory(false), heapBytes = GC.GetGCMemoryInfo().HeapSizeBytes });
        }).AllowAnonymous();
        await app.RunAsync();
        return 0;
    }
}
