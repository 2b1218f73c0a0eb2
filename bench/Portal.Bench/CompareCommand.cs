using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench;

/// <summary>
/// <c>compare --db FILE --postgres CONNECTION_STRING</c>: SQLite and PostgreSQL side by side on this machine, one Portal
/// instance and two (issue 17). For each run and scenario: Portal x1, Portal x2 and the ceiling (one process) on the
/// SQLite file, then the same on its PostgreSQL copy; then the medians, every figure beside its own engine's ceiling
/// measured in the same run.
/// </summary>
public static class CompareCommand
{
    public static readonly string[] DefaultScenarios = ["register-token", "show-member", "list-memberships"];

    private static readonly int[] InstanceCounts = [1, 2];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var postgres = BenchTarget.FromArgs(args);
        if (!postgres.IsPostgreSql)
        {
            throw new BenchUsageException("compare needs --postgres CONNECTION_STRING (a database on a PostgreSQL server; created and filled when empty).");
        }
        var sqlite = postgres.OnSqlite();
        var connections = Math.Max(1, args.Int("connections", 32));
        var duration = TimeSpan.FromSeconds(args.Double("duration", 10));
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 2));
        var runs = Math.Max(1, args.Int("runs", 3));
        var scenarios = args.String("scenarios", string.Join(',', DefaultScenarios)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        args.EnsureAllUsed();
        foreach (var unknown in scenarios.Where(s => !ApiCommand.Scenarios.Contains(s) || s == ApiCommand.RegisterDuringCreate))
        {
            throw new BenchUsageException($"--scenarios: '{unknown}' is not one of {string.Join(", ", ApiCommand.Scenarios.Where(s => s != ApiCommand.RegisterDuringCreate))}.");
        }

        var info = SeedInfo.Load(sqlite.Db);
        var clock = Stopwatch.StartNew();
        var loadBefore = ApiCommand.LoadAverage();
        await postgres.PrepareAsync(info);
        var durability = $"{await sqlite.DurabilityAsync()}; {await postgres.DurabilityAsync()}";
        Console.WriteLine($"durability: {durability}");
        var data = await ApiCommand.ScenarioData.LoadAsync(sqlite.Db, info);

        var results = new List<ApiCommand.ScenarioRun>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var scenario in scenarios)
            {
                foreach (var target in new[] { sqlite, postgres })
                {
                    foreach (var instances in InstanceCounts)
                    {
                        Console.WriteLine($"--- run {run} of {runs}");
                        // The ceiling is one process whatever the instances: measured once per engine, after x1.
                        results.Add(await ApiCommand.RunScenarioAsync(target, info, data, scenario, connections, warmup, duration, instances,
                            measureCeiling: instances == 1));
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## SQLite and PostgreSQL side by side: medians of {runs} run(s), {info.Members:N0} members, {connections} connections, " +
            $"{warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, {Environment.ProcessorCount} cores, " +
            $"load average {loadBefore} before and {ApiCommand.LoadAverage()} after, {clock.Elapsed.TotalMinutes:0.0} min in all");
        Console.WriteLine();
        Console.WriteLine($"Durability: {durability}.");
        Console.WriteLine();
        Console.WriteLine("| scenario | engine | Portal x1 | Portal x2 | ceiling (1 process) | x1 / ceiling | x2 / ceiling | x2 / x1 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var scenario in scenarios)
        {
            foreach (var engine in new[] { sqlite.Engine, postgres.Engine })
            {
                // Per run: x1 and its ceiling, x2 beside the same ceiling; ratios are taken within a run, then the median.
                var perRun = Enumerable.Range(0, runs).Select(run =>
                {
                    var of = results.Where(r => r.Scenario == scenario && r.Engine == engine).Skip(run * InstanceCounts.Length).Take(InstanceCounts.Length).ToList();
                    var one = of.Single(r => r.Instances == 1);
                    var two = of.Single(r => r.Instances == 2);
                    return (One: one.Portal, Two: two.Portal, Ceiling: one.Ceiling!);
                }).ToList();
                Console.WriteLine($"| {scenario} | {engine} | {Figure(perRun.Select(r => r.One))} | {Figure(perRun.Select(r => r.Two))} | {Figure(perRun.Select(r => r.Ceiling))} " +
                    $"| {Share(perRun.Select(r => r.One.RequestsPerSecond / r.Ceiling.RequestsPerSecond))} " +
                    $"| {Share(perRun.Select(r => r.Two.RequestsPerSecond / r.Ceiling.RequestsPerSecond))} " +
                    $"| {FullCommand.Median(perRun.Select(r => r.Two.RequestsPerSecond / r.One.RequestsPerSecond)).ToString("0.00", CultureInfo.InvariantCulture)} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Start-up to the first 200 on /health, median: SQLite {Startup(results, sqlite.Engine)}, PostgreSQL {Startup(results, postgres.Engine)}.");
        var failed = results.Where(r => !r.Ok).ToList();
        Console.WriteLine(failed.Count == 0 ? "Every measurement completed without errors."
            : $"{failed.Count} measurement(s) had errors or no completed request: {string.Join(", ", failed.Select(r => $"{r.Scenario} {r.Engine} x{r.Instances}"))}.");
        return failed.Count == 0 ? 0 : 1;
    }

    private static string Figure(IEnumerable<LoadResult> results)
    {
        var all = results.ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{FullCommand.Median(all.Select(r => r.RequestsPerSecond)):N0} req/s, p99 {FullCommand.Median(all.Select(r => r.All.P99)):N0} ms");
    }

    private static string Share(IEnumerable<double> shares) => FullCommand.Median(shares).ToString("P0", CultureInfo.InvariantCulture);

    private static string Startup(IEnumerable<ApiCommand.ScenarioRun> results, string engine) =>
        FullCommand.Median(results.Where(r => r.Engine == engine).Select(r => r.Startup.TotalSeconds)).ToString("0.0 s", CultureInfo.InvariantCulture);
}
