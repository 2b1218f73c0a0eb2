using Microsoft.Data.Sqlite;

namespace Portal.Tests.Reliability;

/// <summary>Many API writers at once, and a database another connection holds the write lock of.</summary>
public class BusyDatabaseTests
{
    private const int Writers = 64;
    private const int PerWriter = 1;
    private const int MustReachServerWhileLocked = Writers / 4;

    [Fact]
    public async Task SixtyFourParallelWritersBehindAHeldWriteLockAllSucceed()
    {
        using var database = new TestDatabase();
        var apiKey = await ReliabilityClub.CreateAsync(database);
        // The server logs each request it receives, so the test can tell "blocked on the lock" from "never arrived".
        await using var app = await ReliabilityApp.StartAsync(database.FilePath,
            new Dictionary<string, string?> { ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });
        using var http = app.CreateClient();
        var load = new WriteLoad(http, apiKey, ReliabilityClub.Slug, "busy");

        // Another writer (a CLI verb, a backup restore, a long import) holds the write lock while 64 requests arrive.
        Task running;
        int ackedWhileLocked;
        int receivedWhileLocked;
        int inFlightWhileLocked;
        using (var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString()))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }
            running = load.RunAsync(Writers, PerWriter);
            // "None acknowledged" means something only for requests that are inside the server, waiting on the lock.
            // Not all 64 get in quickly: SQLite's busy wait blocks a thread-pool thread per waiting request and the
            // pool adds threads only about twice a second, while the first waiter gives up after the 30 s busy
            // timeout. So the test waits (at most 20 s) for a quarter of them, then holds the lock one more second.
            await WaitUntilAsync(() => MemberCreatesReceived(app.Log) >= MustReachServerWhileLocked, TimeSpan.FromSeconds(20),
                () => $"only {MemberCreatesReceived(app.Log)} of {Writers * PerWriter} requests reached the server\n{app.Log}");
            // Real time, on purpose: the app's busy wait runs on the wall clock in another process.
            await Task.Delay(TimeSpan.FromSeconds(1));
            receivedWhileLocked = MemberCreatesReceived(app.Log);
            ackedWhileLocked = load.AckedMembers.Count;
            inFlightWhileLocked = load.InFlight;
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(receivedWhileLocked >= MustReachServerWhileLocked, $"{receivedWhileLocked} requests reached the server while locked");
        Assert.Equal(Writers * PerWriter, inFlightWhileLocked);
        Assert.Equal(0, ackedWhileLocked);
        Assert.Empty(load.Refusals);
        Assert.Empty(load.Unanswered);
        Assert.DoesNotContain("database is locked", app.Log, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Writers * PerWriter, load.AckedMembers.Count);
        Assert.Equal(Writers * PerWriter, load.AckedTokens.Count);
        Assert.Empty(ReliabilityClub.MissingMembers(database.FilePath, load.AckedMembers));
        Assert.Empty(ReliabilityClub.MissingTokens(database.FilePath, load.AckedTokens));
        Assert.Equal(0, ReliabilityClub.HalfWrittenRows(database.FilePath));
        Assert.Equal("ok", ReliabilityClub.IntegrityCheck(database.FilePath));
    }

    /// <summary>"Request starting HTTP/1.1 POST .../members" lines: requests the server has received.</summary>
    private static int MemberCreatesReceived(string log) =>
        log.Split('\n').Count(line => line.Contains("Request starting") && line.Contains("POST") && line.Contains($"/v3/{ReliabilityClub.Slug}/members"));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail(failure());
            }
            // Polls output another process writes; there is nothing to await instead.
            await Task.Delay(20);
        }
    }
}
