using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>
/// <c>api --db FILE --scenario S [--postgres CONNECTION_STRING] [--instances N]</c>: the Portal executable (this build's
/// configuration) on 127.0.0.1 against the seeded file, or its PostgreSQL copy (<see cref="BenchTarget"/>), N processes
/// on the one database, loaded by <see cref="LoadDriver"/>; then, in the same run, the <see cref="CeilingServer"/> (one
/// process) on the same database with the same requests; then Portal / ceiling. Also the start-up time to the first 200
/// on /health.
/// </summary>
public static class ApiCommand
{
    /// <summary>Register app token measured while create-member runs at full load beside it (Portal only).</summary>
    public const string RegisterDuringCreate = "register-token-during-create";

    public static readonly string[] Scenarios = ["register-token", "create-member", "list-memberships", "show-member", RegisterDuringCreate];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var target = BenchTarget.FromArgs(args);
        var scenario = args.String("scenario");
        var connections = Math.Max(1, args.Int("connections", 32));
        var duration = TimeSpan.FromSeconds(args.Double("duration", 20));
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 3));
        var instances = Math.Max(1, args.Int("instances", 1));
        args.EnsureAllUsed();
        if (!Scenarios.Contains(scenario))
        {
            throw new BenchUsageException($"--scenario must be one of {string.Join(", ", Scenarios)}.");
        }
        var info = SeedInfo.Load(target.Db);
        await target.PrepareAsync(info);
        Console.WriteLine($"durability: {await target.DurabilityAsync()}");
        var data = await ScenarioData.LoadAsync(target.Db, info);
        var run = await RunScenarioAsync(target, info, data, scenario, connections, warmup, duration, instances);
        return run.Ok ? 0 : 1;
    }

    /// <summary>What one scenario measured: Portal, and in the same run the ceiling(s) with the same requests.</summary>
    public sealed record ScenarioRun(string Scenario, LoadResult Portal, LoadResult? Ceiling, LoadResult? HashingCeiling, TimeSpan Startup,
        LoadResult? Beside = null, string Engine = "SQLite", int Instances = 1)
    {
        public double? ShareOfCeiling => Ceiling is { } c ? Portal.RequestsPerSecond / c.RequestsPerSecond : null;

        public double? ShareOfHashingCeiling => HashingCeiling is { } c ? Portal.RequestsPerSecond / c.RequestsPerSecond : null;

        public bool Ok => Portal.Requests > 0 && Portal.Errors == 0 && (Ceiling is null || Ceiling is { Requests: > 0, Errors: 0 })
            && (HashingCeiling is null || HashingCeiling is { Requests: > 0, Errors: 0 }) && (Beside is null || Beside is { Requests: > 0, Errors: 0 });
    }

    /// <summary>
    /// One scenario: Portal (<paramref name="instances"/> processes), then unless <paramref name="measureCeiling"/> is
    /// false the ceiling(s), one process, on the same database.
    /// </summary>
    public static async Task<ScenarioRun> RunScenarioAsync(BenchTarget target, SeedInfo info, ScenarioData data, string scenario, int connections,
        TimeSpan warmup, TimeSpan duration, int instances = 1, bool measureCeiling = true)
    {
        Console.WriteLine($"api {scenario} on {target.Engine} x{instances}: {connections} connections, {warmup.TotalSeconds:0.#} s warm-up + {duration.TotalSeconds:0.#} s measured, " +
            $"{info.Members:N0} members, {Environment.ProcessorCount} cores, load average before: {LoadAverage()}");

        LoadResult portal;
        LoadResult? ceiling = null, hashingCeiling = null, beside = null;
        TimeSpan startup;
        await using (var apps = await PortalInstances.StartAsync(target, info, instances))
        {
            startup = apps.StartupTime;
            Console.WriteLine($"Portal ({BuildPaths.Configuration}, {target.Engine}, {instances} process(es)) start-up to first 200 on /health: {startup.TotalMilliseconds:0} ms");
            if (scenario == RegisterDuringCreate)
            {
                // Both at full load at once: the register-token figures are the ones the target is about.
                var creates = MeasureAsync("creates", apps.BaseUrls, "create-member", data, info, connections, warmup, duration);
                var registers = MeasureAsync("Portal", apps.BaseUrls, "register-token", data, info, connections, warmup, duration);
                portal = await registers;
                beside = await creates;
            }
            else
            {
                portal = await MeasureAsync("Portal", apps.BaseUrls, scenario, data, info, connections, warmup, duration);
            }
        }
        if (measureCeiling && scenario != RegisterDuringCreate)
        {
            ceiling = await MeasureCeilingAsync("ceiling", target, info, scenario, data, connections, warmup, duration, hashPasswords: false);
        }
        if (measureCeiling && scenario == "create-member")
        {
            hashingCeiling = await MeasureCeilingAsync("hashing", target, info, scenario, data, connections, warmup, duration, hashPasswords: true);
        }
        var run = new ScenarioRun(scenario, portal, ceiling, hashingCeiling, startup, beside, target.Engine, instances);
        Console.WriteLine($"RESULT {scenario} {target.Engine} x{instances} c={connections}: Portal {portal.RequestsPerSecond:N0} req/s, p99 {portal.All.P99:0.0} ms, errors {portal.Errors}; " +
            (ceiling is null ? "" : $"ceiling {ceiling.RequestsPerSecond:N0} req/s, p99 {ceiling.All.P99:0.0} ms; Portal/ceiling = {run.ShareOfCeiling:P0}; ") +
            (hashingCeiling is null ? "" : $"hashing ceiling {hashingCeiling.RequestsPerSecond:N0} req/s, p99 {hashingCeiling.All.P99:0.0} ms; Portal/hashing ceiling = {run.ShareOfHashingCeiling:P0}; ") +
            (beside is null ? "" : $"beside it create-member {beside.RequestsPerSecond:N0} req/s, p99 {beside.All.P99:0.0} ms; ") +
            $"start-up {startup.TotalMilliseconds:0} ms; load average after: {LoadAverage()}");
        if (portal.Requests == 0 || ceiling?.Requests == 0 || hashingCeiling?.Requests == 0)
        {
            Console.Error.WriteLine("error: no request completed within the measured window; give it a longer --duration.");
        }
        return run;
    }

    private static async Task<LoadResult> MeasureCeilingAsync(string name, BenchTarget target, SeedInfo info, string scenario, ScenarioData data,
        int connections, TimeSpan warmup, TimeSpan duration, bool hashPasswords)
    {
        List<string> arguments = [CeilingServer.Verb, "--db", target.Db, "--club", info.ClubId.ToString(CultureInfo.InvariantCulture), "--hash-passwords", hashPasswords ? "true" : "false"];
        if (target.PostgresConnectionString is { } postgres)
        {
            arguments.AddRange(["--postgres", postgres]);
        }
        await using var bare = await PortalProcess.StartAsync(Environment.ProcessPath!, arguments,
            new Dictionary<string, string?>(), Directory.GetCurrentDirectory(), "/health", TimeSpan.FromSeconds(120));
        return await MeasureAsync(name, [bare.BaseUrl], scenario, data, info, connections, warmup, duration);
    }

    public static Task<PortalProcess> StartPortalAsync(string db, SeedInfo info, string? executable = null) =>
        StartPortalAsync(BenchTarget.Sqlite(db), info, executable);

    public static Task<PortalProcess> StartPortalAsync(BenchTarget target, SeedInfo info, string? executable = null)
    {
        var environment = target.PortalEnvironment(info);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Portal__SeedDemoData"] = "false";
        // The API limits guard against one misbehaving client; the bench is one client and address standing in for a
        // whole app population, so it is lifted here (and only here).
        environment["RateLimits__ApiPerClientAddressPerMinute"] = "1000000000";
        environment["RateLimits__ApiPerMemberTokenPerMinute"] = "1000000000";
        environment["RateLimits__ApiPerAddressPerMinute"] = "1000000000";
        return PortalProcess.StartAsync(executable ?? BuildPaths.PortalExecutable, [], environment,
            Path.GetDirectoryName(executable ?? BuildPaths.PortalExecutable), "/health", TimeSpan.FromSeconds(120));
    }

    /// <summary>
    /// N Portal processes on one database, started one after the other (the first applies any pending migration, the
    /// way a rolling start does); the start-up reported is the first one's.
    /// </summary>
    private sealed class PortalInstances : IAsyncDisposable
    {
        private readonly List<PortalProcess> processes = [];

        public IReadOnlyList<Uri> BaseUrls => processes.Select(p => p.BaseUrl).ToList();

        public TimeSpan StartupTime => processes[0].StartupTime;

        public static async Task<PortalInstances> StartAsync(BenchTarget target, SeedInfo info, int count)
        {
            var instances = new PortalInstances();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    instances.processes.Add(await StartPortalAsync(target, info));
                }
            }
            catch
            {
                await instances.DisposeAsync();
                throw;
            }
            return instances;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<LoadResult> MeasureAsync(string name, IReadOnlyList<Uri> baseUrls, string scenario, ScenarioData data, SeedInfo info, int connections, TimeSpan warmup, TimeSpan duration)
    {
        var requests = await RequestsAsync(baseUrls[0], scenario, data, info, name);
        var result = await LoadDriver.RunAsync(baseUrls, connections, warmup, duration, requests);
        Console.WriteLine($"{name,-8} {result.RequestsPerSecond,8:N0} req/s  {result.All}  errors {result.Errors} " +
            $"(status {string.Join(", ", result.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))})");
        foreach (var (label, stats) in result.ByLabel.Where(_ => result.ByLabel.Count > 1).OrderBy(l => l.Key))
        {
            Console.WriteLine($"    {label,-20} {stats}");
        }
        foreach (var problem in result.ErrorSamples)
        {
            Console.WriteLine($"    error: {problem}");
        }
        return result;
    }

    private static async Task<Func<long, LoadRequest>> RequestsAsync(Uri baseUrl, string scenario, ScenarioData data, SeedInfo info, string phase)
    {
        var slug = info.ClubSlug;
        switch (scenario)
        {
            case "register-token":
                return n =>
                {
                    var device = data.Devices[Random.Shared.Next(data.Devices.Count)];
                    var body = JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["token"] = device.Token, ["platform"] = device.Platform, ["app_installation_id"] = device.Installation, ["firebase_project_slug"] = BenchData.FirebaseSlug,
                    });
                    // Seed 000 sends the client token (permit BL:Api:Members:AppTokens:CreateOrUpdate) with the member token.
                    return new LoadRequest("register-token", () => Json(HttpMethod.Post, $"/v3/{slug}/members/me/app_tokens", body,
                        ("X-Client-Authorization", info.ApiKey), ("Authorization", "Bearer " + BenchData.AccessToken(info.TokenSecret, device.MemberId))));
                };
            case "create-member":
                // Unique per run and phase, so every server inserts new rows.
                var tag = $"{phase}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}".ToLowerInvariant();
                var msisdnBase = 460_000_000_000L + DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 10_000 * 10_000_000L + PhaseOffset(phase);
                return n =>
                {
                    var body = JsonSerializer.Serialize(new
                    {
                        properties = new Dictionary<string, string>
                        {
                            ["email"] = $"load.{tag}.{n}@bench.example.com",
                            ["msisdn"] = (msisdnBase + n).ToString(CultureInfo.InvariantCulture),
                            ["first_name"] = BenchData.FirstNames[(int)(n % BenchData.FirstNames.Length)],
                            ["last_name"] = BenchData.LastNames[(int)(n % BenchData.LastNames.Length)],
                            ["birthday"] = "1990-05-17",
                            ["language"] = "no",
                        },
                        password = BenchData.MemberPassword,
                    });
                    return new LoadRequest("create-member", () => Json(HttpMethod.Post, $"/v3/{slug}/members", body, ("X-Client-Authorization", info.ApiKey)));
                };
            case "show-member":
                return n =>
                {
                    var id = 1 + Random.Shared.NextInt64(info.Members);
                    return new LoadRequest("show-member", () => Get($"/v3/{slug}/members/{id}", ("X-Client-Authorization", info.ApiKey)));
                };
            default:
                // A random account's first page (default size 50), and one account's page 1 and page 1,000 (one per page).
                var deepKey = await PageKeyAsync(baseUrl, info, 1_000);
                return n => (n % 3) switch
                {
                    0 => new LoadRequest("account page 1", () => Get($"/api/accounts/{data.Accounts[Random.Shared.Next(data.Accounts.Count)]}/applet-memberships", ("x-api-key", info.ApiKey))),
                    1 => new LoadRequest("heavy page 1", () => Get($"/api/accounts/{info.HeavyAccountId}/applet-memberships?paginationLimit=1", ("x-api-key", info.ApiKey))),
                    _ => new LoadRequest("heavy page 1000", () => Get($"/api/accounts/{info.HeavyAccountId}/applet-memberships?paginationLimit=1&pageKey={Uri.EscapeDataString(deepKey)}", ("x-api-key", info.ApiKey))),
                };
        }
    }

    private static long PhaseOffset(string phase) => phase switch
    {
        "Portal" or "creates" => 0,
        "ceiling" => 3_000_000L,
        _ => 6_000_000L,
    };

    /// <summary>Walks the heavy account's list one membership per page, as an app would, to get page <paramref name="page"/>'s key.</summary>
    private static async Task<string> PageKeyAsync(Uri baseUrl, SeedInfo info, int page)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        string? key = null;
        for (var i = 1; i < page; i++)
        {
            using var request = Get($"/api/accounts/{info.HeavyAccountId}/applet-memberships?paginationLimit=1" + (key is null ? "" : $"&pageKey={Uri.EscapeDataString(key)}"), ("x-api-key", info.ApiKey));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            key = json.RootElement.TryGetProperty("nextPageKey", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString()
                : throw new InvalidOperationException($"The heavy account's list ended before page {page}.");
        }
        return key!;
    }

    private static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers) => WithHeaders(new HttpRequestMessage(HttpMethod.Get, path), headers);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, params (string Name, string Value)[] headers) =>
        WithHeaders(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) }, headers);

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, (string Name, string Value)[] headers)
    {
        request.Headers.TryAddWithoutValidation("X-Product-Name", "mall-app");
        request.Headers.TryAddWithoutValidation("X-User-Agent", "MallApp/5.2 (bench)");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public sealed record Device(long MemberId, string Token, string Platform, string Installation);

    /// <summary>Rows the requests are made of, read once from the seeded file.</summary>
    public sealed record ScenarioData(IReadOnlyList<Device> Devices, IReadOnlyList<string> Accounts)
    {
        public static async Task<ScenarioData> LoadAsync(string db, SeedInfo info)
        {
            await using var connection = new SqliteConnection(PortalServicesHost.ConnectionString(db) + ";Mode=ReadOnly");
            await connection.OpenAsync();
            var devices = new List<Device>();
            await using (var command = connection.CreateCommand())
            {
                // The app of a signed-in, not banned member re-registering its first device's token at start-up.
                command.CommandText = """
                    SELECT t.MemberId, t.Token, t.Platform, t.AppInstallationId FROM DeviceTokens t JOIN Members m ON m.Id = t.MemberId
                    WHERE t.MemberId <= $max AND t.AppInstallationId = 'inst-' || t.MemberId || '-0' AND t.Status = 'active' AND m.BannedUntil IS NULL
                    """;
                command.Parameters.AddWithValue("$max", info.MembersWithAccessTokens);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    devices.Add(new Device(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }
            var accounts = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT DISTINCT AccountId FROM AppletMemberships WHERE MemberId > 1 AND MemberId % 7 = 0 LIMIT 5000";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    accounts.Add(reader.GetString(0));
                }
            }
            if (devices.Count == 0 || accounts.Count == 0)
            {
                throw new BenchUsageException("The seeded database has no device tokens or applet memberships to load with; seed more members.");
            }
            return new ScenarioData(devices, accounts);
        }
    }
}
