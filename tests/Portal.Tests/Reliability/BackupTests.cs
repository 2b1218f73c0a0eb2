using System.Diagnostics;
using System.Net;
using Portal.Tests.Placewise;

namespace Portal.Tests.Reliability;

/// <summary><c>Portal db backup</c> run as its own process while the app takes writes, then the copy restored and served.</summary>
public class BackupTests
{
    private const int Writers = 4;

    [Fact]
    public async Task BackupDuringWritesIsSoundHoldsEveryEarlierWriteAndServesAfterRestore()
    {
        using var database = new TestDatabase();
        using var restoreFolder = new TestDatabase();
        var apiKey = await ReliabilityClub.CreateAsync(database);
        var backupPath = Path.Combine(database.Folder, "portal-backup.db");
        Dictionary<string, long> membersBefore, tokensBefore;
        WriteLoad load;
        await using (var app = await ReliabilityApp.StartAsync(database.FilePath))
        {
            using var http = app.CreateClient();
            load = new WriteLoad(http, apiKey, ReliabilityClub.Slug, "backup");
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(Writers, perWriter: 100_000, stop.Token);
            await WaitForAsync(() => load.AckedTokens.Count >= 15, running);

            // What was acknowledged before the backup started must be in the copy.
            membersBefore = new Dictionary<string, long>(load.AckedMembers);
            tokensBefore = new Dictionary<string, long>(load.AckedTokens);
            var (exitCode, stdout, stderr) = await ReliabilityApp.RunCliAsync(database.FilePath, "db", "backup", "--to", backupPath);
            Assert.True(exitCode == 0, $"db backup failed ({exitCode}): {stdout}{stderr}");
            Assert.Contains(backupPath, stdout);

            // The app kept taking writes around the backup.
            var ackedAfterBackup = load.AckedMembers.Count;
            await WaitForAsync(() => load.AckedMembers.Count >= ackedAfterBackup + 5, running);
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Empty(load.Refusals);
        Assert.Empty(load.Unanswered);

        Assert.Equal("ok", ReliabilityClub.IntegrityCheck(backupPath));
        Assert.Empty(ReliabilityClub.MissingMembers(backupPath, membersBefore));
        Assert.Empty(ReliabilityClub.MissingTokens(backupPath, tokensBefore));
        Assert.Equal(0, ReliabilityClub.HalfWrittenRows(backupPath));
        Assert.InRange(ReliabilityClub.MemberCount(backupPath), membersBefore.Count, load.AckedMembers.Count + Writers);

        // Restore as the README says: the copy in place of the database file, then start the app on it.
        File.Copy(backupPath, restoreFolder.FilePath);
        await using var restored = await ReliabilityApp.StartAsync(restoreFolder.FilePath);
        using var restoredHttp = restored.CreateClient();
        var api = new PlacewiseApi(restoredHttp, apiKey, ReliabilityClub.Slug);
        var (email, id) = membersBefore.First();
        using var found = await api.SendAsync(HttpMethod.Get, $"/v3/{ReliabilityClub.Slug}/members/by_email/{Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await PlacewiseApi.JsonAsync(found))["id"]!.GetValue<long>());
        var after = new WriteLoad(restoredHttp, apiKey, ReliabilityClub.Slug, "restored");
        await after.RunAsync(writers: 2, perWriter: 2);
        Assert.Empty(after.Refusals);
        Assert.Equal(4, after.AckedTokens.Count);
        Assert.Equal("ok", ReliabilityClub.IntegrityCheck(restoreFolder.FilePath));
    }

    private static async Task WaitForAsync(Func<bool> condition, Task running)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (running.IsCompleted || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The write load stopped or stalled before the condition held.");
            }
            // Polls a load against a real process; nothing here can be awaited instead, and the wait is bounded above.
            await Task.Delay(10);
        }
    }
}
