using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Features.Members;

namespace Portal.Bench;

/// <summary>
/// <c>queries --db FILE [--postgres CONNECTION_STRING]</c>: the member list exactly as the Members page asks for it
/// (Portal's MemberQueryService: the capped count and the page), timed over many runs, with the engine's plan for every
/// SQL statement it sent (SQLite's <c>EXPLAIN QUERY PLAN</c>, PostgreSQL's <c>EXPLAIN</c>).
/// </summary>
public static class QueriesCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var target = BenchTarget.FromArgs(args);
        var runs = Math.Max(1, args.Int("runs", 30));
        var budget = TimeSpan.FromSeconds(args.Int("max-seconds", 20));
        args.EnsureAllUsed();
        var info = SeedInfo.Load(target.Db);
        await target.PrepareAsync(info);

        await using var host = PortalServicesHost.Build(target, info);
        var service = host.Services.CreateScope().ServiceProvider.GetRequiredService<MemberQueryService>();
        var probe = BenchData.FirstNames[0].ToLowerInvariant() + "." + BenchData.LastNames[0].ToLowerInvariant() + ".";
        var cases = new (string Name, MemberListQuery Query)[]
        {
            ("first page, newest first", new MemberListQuery()),
            ($"search e-mail prefix '{probe}'", new MemberListQuery { Search = probe }),
            ("search msisdn prefix '+47 900 01'", new MemberListQuery { Search = "+47 900 01" }),
            ("search name 'Hansen' (common)", new MemberListQuery { Search = "Hansen" }),
            ("search name 'Quist' (no match)", new MemberListQuery { Search = "Quist" }),
            ("search member id", new MemberListQuery { Search = Math.Max(1, info.Members / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            ("consent email_marketing given", new MemberListQuery { ConsentKey = "email_marketing", ConsentState = ConsentFilter.Given }),
            ("consent sms_marketing never answered", new MemberListQuery { ConsentKey = "sms_marketing", ConsentState = ConsentFilter.NeverAnswered }),
            ("has an active push token", new MemberListQuery { HasPushToken = true }),
            ("sorted by name, first page", new MemberListQuery { SortBy = "name", Descending = false }),
            ("deep page (skip 100,000)", new MemberListQuery { Skip = Math.Min(100_000, Math.Max(0, info.Members - 25)) }),
        };

        Console.WriteLine($"member list queries on {target.Engine}, {target.Describe()} ({info.Members:N0} members), {runs} runs each (at most {budget.TotalSeconds:0} s), MemberQueryService.ListAsync = capped count + page");
        var plans = new List<string>();
        using var capture = SqlCapture.Start();
        foreach (var (name, query) in cases)
        {
            // Warm-up (and the SQL it sends, for the plan).
            var captured = await capture.RunAsync(() => service.ListAsync(info.ClubId, query));
            var samples = new List<double>();
            var clock = Stopwatch.StartNew();
            var rows = 0;
            var countShown = "";
            while (samples.Count < runs && (samples.Count < 3 || clock.Elapsed < budget))
            {
                var one = Stopwatch.StartNew();
                var page = await service.ListAsync(info.ClubId, query);
                samples.Add(one.Elapsed.TotalMilliseconds);
                rows = page.Rows.Count;
                countShown = page.CountIsCapped ? $">{page.Count:N0}" : page.Count.ToString("N0");
            }
            var stats = new LatencyStats(samples);
            Console.WriteLine($"{name,-42} p50 {stats.P50,8:0.0} ms  p95 {stats.P95,8:0.0} ms  (runs {stats.Count}, rows {rows}, count {countShown})");
            plans.Add($"-- {name}");
            foreach (var command in captured)
            {
                plans.Add(command.Sql.ReplaceLineEndings(" "));
                plans.AddRange((await ExplainAsync(target, command)).Select(line => "   PLAN " + line));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{(target.IsPostgreSql ? "EXPLAIN" : "EXPLAIN QUERY PLAN")} of each statement:");
        plans.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<IReadOnlyList<string>> ExplainAsync(BenchTarget target, CapturedCommand captured)
    {
        await using var connection = target.NewConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (target.IsPostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + captured.Sql;
        command.Parameters.AddRange(captured.Parameters.ToArray());
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // PostgreSQL: one column of plan lines; SQLite: (id, parent, notused, detail).
            lines.Add(reader.GetString(target.IsPostgreSql ? 0 : 3));
        }
        return lines;
    }

    /// <summary>A statement EF sent, with copies of its parameters (their provider types too, which PostgreSQL needs).</summary>
    public sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters);

    /// <summary>
    /// Records the SQL EF Core sends while an action runs, through EF's diagnostic events (no change to Portal). It stays
    /// subscribed for the whole verb and records only inside <see cref="RunAsync"/>: EF caches whether anyone listens
    /// for about a second, so a subscription made per case missed every case after the first (only its plan was shown).
    /// </summary>
    private sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<CapturedCommand> commands = [];
        private readonly List<IDisposable> subscriptions = [];
        private IDisposable? all;
        private volatile bool recording;

        public static SqlCapture Start()
        {
            var capture = new SqlCapture();
            capture.all = DiagnosticListener.AllListeners.Subscribe(capture);
            return capture;
        }

        public async Task<IReadOnlyList<CapturedCommand>> RunAsync(Func<Task> action)
        {
            lock (commands)
            {
                commands.Clear();
            }
            recording = true;
            try
            {
                await action();
            }
            finally
            {
                recording = false;
            }
            lock (commands)
            {
                return commands.ToList();
            }
        }

        public void Dispose()
        {
            all?.Dispose();
            subscriptions.ForEach(s => s.Dispose());
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (recording && e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data)
            {
                var parameters = data.Command.Parameters.Cast<DbParameter>()
                    .Select(p => p is ICloneable cloneable ? (DbParameter)cloneable.Clone() : new SqliteParameter(p.ParameterName, p.Value ?? DBNull.Value))
                    .ToList();
                lock (commands)
                {
                    commands.Add(new CapturedCommand(data.Command.CommandText, parameters));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
