using System.Globalization;

namespace Portal.Bench;

/// <summary>
/// <c>full --db FILE</c>: the app API's whole target set in one command (issue 15): every <see cref="ApiCommand"/>
/// scenario, each with its ceiling(s) in the same run, <c>--runs</c> times, then the medians beside their targets.
/// </summary>
public static class FullCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = Path.GetFullPath(args.String("db"));
        var connections = Math.Max(1, args.Int("connections", 32));
        var duration = TimeSpan.FromSeconds(args.Double("duration", 20));
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 3));
        var runs = Math.Max(1, args.Int("runs", 3));
        args.EnsureAllUsed();
        var info = SeedInfo.Load(db);
        var data = await ApiCommand.ScenarioData.LoadAsync(db, info);

        var results = new List<ApiCommand.ScenarioRun>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var scenario in ApiCommand.Scenarios)
            {
                Console.WriteLine($"--- run {run} of {runs}");
                results.Add(await ApiCommand.RunScenarioAsync(BenchTarget.Sqlite(db), info, data, scenario, connections, warmup, duration));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Medians of {runs} run(s): {info.Members:N0} members, {connections} connections, {duration.TotalSeconds:0.#} s each, {Environment.ProcessorCount} cores, load average now {ApiCommand.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| scenario | Portal | ceiling | Portal / ceiling | target | met? |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        var met = true;
        foreach (var scenario in new[] { "register-token", "list-memberships", "show-member" })
        {
            var of = results.Where(r => r.Scenario == scenario).ToList();
            var share = Median(of.Select(r => r.ShareOfCeiling!.Value));
            var p99 = Median(of.Select(r => r.Portal.All.P99));
            var ceilingP99 = Median(of.Select(r => r.Ceiling!.All.P99));
            var ok = share >= 0.5 && p99 <= 2 * ceilingP99;
            met &= ok;
            Console.WriteLine($"| {scenario} | {Rate(of.Select(r => r.Portal))}, p99 {p99:N0} ms | {Rate(of.Select(r => r.Ceiling!))}, p99 {ceilingP99:N0} ms | {share:P0} | ≥ 50 %, p99 ≤ {2 * ceilingP99:N0} ms | {(ok ? "yes" : "no")} |");
        }
        var creates = results.Where(r => r.Scenario == "create-member").ToList();
        var createShare = Median(creates.Select(r => r.ShareOfHashingCeiling!.Value));
        met &= createShare >= 0.7;
        Console.WriteLine($"| create-member | {Rate(creates.Select(r => r.Portal))}, p99 {Median(creates.Select(r => r.Portal.All.P99)):N0} ms | hashing {Rate(creates.Select(r => r.HashingCeiling!))} " +
            $"(no hashing {Rate(creates.Select(r => r.Ceiling!))}) | {createShare:P0} of the hashing ceiling | ≥ 70 % | {(createShare >= 0.7 ? "yes" : "no")} |");
        var solo = Median(results.Where(r => r.Scenario == "register-token").Select(r => r.Portal.All.P99));
        var during = results.Where(r => r.Scenario == ApiCommand.RegisterDuringCreate).ToList();
        var duringP99 = Median(during.Select(r => r.Portal.All.P99));
        met &= duringP99 <= 2 * solo;
        Console.WriteLine($"| register-token during a full create-member load | {Rate(during.Select(r => r.Portal))}, p99 {duringP99:N0} ms (creates beside it {Rate(during.Select(r => r.Beside!))}) | solo p99 {solo:N0} ms | — | p99 ≤ {2 * solo:N0} ms | {(duringP99 <= 2 * solo ? "yes" : "no")} |");
        var startup = Median(results.Select(r => r.Startup.TotalSeconds));
        met &= startup <= 3;
        Console.WriteLine($"| start-up to the first 200 on /health ({results.Count} starts) | {startup:0.0} s | — | — | ≤ 3 s | {(startup <= 3 ? "yes" : "no")} |");
        Console.WriteLine();
        Console.WriteLine(met ? "Every target met." : "Not every target met (see the table).");
        return results.All(r => r.Ok) ? 0 : 1;
    }

    private static string Rate(IEnumerable<LoadResult> results) => $"{Median(results.Select(r => r.RequestsPerSecond)).ToString("N0", CultureInfo.InvariantCulture)} req/s";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
