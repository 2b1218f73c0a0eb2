using System.Diagnostics;
using System.Net;

namespace Portal.Tests.Reliability;

/// <summary>The real Portal process, SIGKILLed in the middle of a write load and started again on the same database (either engine).</summary>
public class CrashSafetyTests
{
    private const int Writers = 8;
    private const int AckedBeforeKill = 30;

    [Fact]
    public async Task HardKillMidLoadKeepsEveryAcknowledgedWriteAndNoHalfWrittenMember()
    {
        using var database = new TestDatabase();
        var apiKey = await ReliabilityClub.CreateAsync(database);
        var load = default(WriteLoad)!;
        int inFlightAtKill;
        await using (var app = await ReliabilityApp.StartAsync(database))
        {
            using var http = app.CreateClient();
            load = new WriteLoad(http, apiKey, ReliabilityClub.Slug, "crash");
            var running = load.RunAsync(Writers, perWriter: 100_000);
            var waited = Stopwatch.StartNew();
            while (load.AckedTokens.Count < AckedBeforeKill && !running.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                // Polls a load against a real process until enough writes are acknowledged (bounded above).
                await Task.Delay(5);
            }
            inFlightAtKill = load.InFlight;
            app.Kill();
            // Every writer's next (or current) request finds no server and the writer stops.
            await running.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(load.AckedTokens.Count >= AckedBeforeKill, $"The load did not get going before the kill: {load.AckedTokens.Count} tokens, refusals: {string.Join('\n', load.Refusals.Take(3))}\n{app.Log}");
        }

        Assert.Empty(load.Refusals);
        Assert.True(inFlightAtKill > 0, "The kill should land while requests are in flight.");
        Assert.Equal(Writers, load.Unanswered.Count);

        await using var restarted = await ReliabilityApp.StartAsync(database);
        if (!database.OnPostgres)
        {
            // SQLite's file must be sound after the kill; a PostgreSQL server was not killed (only Portal was).
            Assert.Equal("ok", ReliabilityClub.IntegrityCheck(database.FilePath));
        }
        Assert.Empty(ReliabilityClub.MissingMembers(database, load.AckedMembers));
        Assert.Empty(ReliabilityClub.MissingTokens(database, load.AckedTokens));
        Assert.Equal(0, ReliabilityClub.HalfWrittenRows(database));
        // A create may have committed with its answer lost in the kill: at most one per writer.
        Assert.InRange(ReliabilityClub.MemberCount(database), load.AckedMembers.Count, load.AckedMembers.Count + Writers);

        // The restarted app serves what was acknowledged before the crash and takes new writes.
        using var http2 = restarted.CreateClient();
        var api = new Placewise.PlacewiseApi(http2, apiKey, ReliabilityClub.Slug);
        var (email, id) = load.AckedMembers.First();
        using var found = await api.SendAsync(HttpMethod.Get, $"/v3/{ReliabilityClub.Slug}/members/by_email/{Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await Placewise.PlacewiseApi.JsonAsync(found))["id"]!.GetValue<long>());
        var after = new WriteLoad(http2, apiKey, ReliabilityClub.Slug, "after");
        await after.RunAsync(writers: 2, perWriter: 3);
        Assert.Empty(after.Refusals);
        Assert.Equal(6, after.AckedTokens.Count);
    }
}
