using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portal.Features.Clubs;
using Portal.Features.Operations;
using Portal.Features.Push;
using Portal.Tests.Push;

namespace Portal.Bench;

/// <summary>
/// <c>push --tokens N</c>: one push to N members with one token each, through Portal's PushService and FcmClient
/// (OAuth token, bounded concurrency, results stored), against the loopback fake FCM answering after a fixed latency.
/// </summary>
public static class PushCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var tokens = Math.Max(1, args.Int("tokens", 1000));
        var latency = TimeSpan.FromMilliseconds(args.Int("latency-ms", 20));
        var runs = Math.Max(1, args.Int("runs", 3));
        args.EnsureAllUsed();

        var folder = Path.Combine(Path.GetTempPath(), $"portal-bench-push-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "push.db");
        await using var fake = await FakeFcm.StartAsync();
        fake.Latency = latency;
        try
        {
            await using var host = PortalServicesHost.Build(db, Path.Combine(folder, "keys"), new Dictionary<string, string?>
            {
                ["Fcm:Endpoint"] = fake.BaseUrl.ToString(),
            });
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await services.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
            var club = await services.GetRequiredService<ClubService>().CreateAsync(BenchData.ClubSlug, "Bench Mall", Portal.Features.Audit.Actor.System);
            await services.GetRequiredService<FirebaseProjectService>().SaveAsync(club.Id, BenchData.FirebaseSlug, "bench-project", fake.ServiceAccountJson("bench-project"), Portal.Features.Audit.Actor.Cli("bench"));
            await InsertMembersWithTokensAsync(db, club.Id, tokens);
            var concurrency = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FcmOptions>>().Value.MaxConcurrency;

            Console.WriteLine($"push to {tokens:N0} tokens, fake FCM at {latency.TotalMilliseconds:0} ms per call, Fcm:MaxConcurrency {concurrency} " +
                $"(floor: {Math.Ceiling(tokens / (double)concurrency) * latency.TotalMilliseconds / 1000:0.00} s)");
            var times = new List<double>();
            var memberIds = Enumerable.Range(1, tokens).Select(i => (long)i).ToList();
            var content = new PushContent { Title = "Bench", Body = "Weekend offers in the food court.", DeepLink = "mallapp://offers" };
            for (var run = 1; run <= runs; run++)
            {
                var before = fake.Accepted.Values.Sum();
                var clock = Stopwatch.StartNew();
                // A fresh scope per send, as the console's circuit would have; the OAuth token cache is a singleton.
                await using var sendScope = host.Services.CreateAsyncScope();
                var outcome = (await sendScope.ServiceProvider.GetRequiredService<PushService>()
                    .SendAsync(club.Id, new PushTarget(memberIds), content, validateOnly: false, Portal.Features.Audit.Actor.Cli("bench"), progress: null)).Value!;
                clock.Stop();
                var accepted = fake.Accepted.Values.Sum() - before;
                var failed = outcome.Results.Count(r => !r.Success);
                times.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"  run {run}: {clock.Elapsed.TotalSeconds:0.000} s, {outcome.Results.Count:N0} results, {accepted:N0} accepted by FCM, {failed} failed");
                if (failed > 0 || accepted != tokens)
                {
                    Console.Error.WriteLine("error: not every token was accepted");
                    return 1;
                }
            }
            var first = times[0];
            times.Sort();
            Console.WriteLine($"push {tokens:N0} tokens: median {times[times.Count / 2]:0.000} s, best {times[0]:0.000} s, first run (includes the OAuth token) {first:0.000} s");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task InsertMembersWithTokensAsync(string db, int clubId, int count)
    {
        await using var connection = new SqliteConnection(PortalServicesHost.ConnectionString(db));
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO Members (Id, ClubId, Email, PropertiesJson, SmsStatus, EmailStatus, PushStatus, CreatedAt, UpdatedAt, AccountId, TestAccount, FavoriteStoresJson, Version)
            SELECT i, $club, 'push' || i || '@example.com', '{}', 'enabled', 'enabled', 'enabled', $now, $now, 'acct' || i, 0, '[]', 1 FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO DeviceTokens (ClubId, MemberId, Token, Platform, AppInstallationId, FirebaseProjectSlug, CreatedAt, UpdatedAt, LastSeenAt, Status)
            SELECT $club, i, 'bench-token-' || i || '-' || hex(randomblob(48)), CASE WHEN i % 3 = 0 THEN 'ios' ELSE 'android' END, 'inst-' || i, $project, $now, $now, $now, 'active' FROM n;
            """;
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$club", clubId);
        command.Parameters.AddWithValue("$now", DateTime.UtcNow);
        command.Parameters.AddWithValue("$project", BenchData.FirebaseSlug);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
