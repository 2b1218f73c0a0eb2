namespace Portal.Bench;

/// <summary>
/// <c>startup --db FILE [--executable PATH] [--runs 5]</c>: starts Portal on the seeded file (Production, as the api verb
/// does) and times the start to its first 200 on /health, then stops it; the median of the runs. <c>--executable</c>
/// names another build of Portal, e.g. a published ReadyToRun one, to compare with this build's.
/// </summary>
public static class StartupCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var executable = args.Optional("executable") is { } given ? Path.GetFullPath(given) : BuildPaths.PortalExecutable;
        var runs = Math.Max(1, args.Int("runs", 5));
        args.EnsureAllUsed();
        var info = SeedInfo.Load(db);
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var app = await ApiCommand.StartPortalAsync(db, info, executable);
            times.Add(app.StartupTime.TotalMilliseconds);
            Console.WriteLine($"start-up to first 200 on /health: {app.StartupTime.TotalMilliseconds:0} ms");
        }
        Console.WriteLine($"RESULT startup {executable}: median {FullCommand.Median(times):0} ms of {runs} (min {times.Min():0}, max {times.Max():0}); load average {ApiCommand.LoadAverage()}");
        return 0;
    }
}
