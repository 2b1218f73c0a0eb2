using Microsoft.Data.Sqlite;

namespace Portal.Tests.Reliability;

/// <summary>Many API writers at once, and a database another connection holds the write lock of.</summary>
public class BusyDatabaseTests
{
    private const int Writers = 64;
    private const int PerWriter = 1;

    [Fact]
    public async Task SixtyFourParallelWritersBehindAHeldWriteLockAllSucceed()
    {
        using var database = new TestDatabase();
        var apiKey = await ReliabilityClub.CreateAsync(database);
        await using var app = await PortalProcess.StartAsync(database.FilePath);
        using var http = app.CreateClient();
        var load = new WriteLoad(http, apiKey, ReliabilityClub.Slug, "busy");

        // Another writer (a CLI verb, a backup restore, a long import) holds the write lock while 64 requests arrive.
        Task running;
        int ackedWhileLocked;
        using (var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString()))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }
            running = load.RunAsync(Writers, PerWriter);
            await Task.Delay(TimeSpan.FromSeconds(2));
            ackedWhileLocked = load.AckedMembers.Count;
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        await running.WaitAsync(TimeSpan.FromSeconds(60));

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
}
