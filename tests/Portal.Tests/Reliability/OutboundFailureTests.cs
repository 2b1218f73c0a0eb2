using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Clubs;
using Portal.Features.Devices;
using Portal.Features.Members;
using Portal.Features.Operations;
using Portal.Features.Push;
using Portal.Tests.Push;

namespace Portal.Tests.Reliability;

/// <summary>
/// The push console's service against an FCM (and Google token endpoint) that is down, hangs or pushes back:
/// the send comes back within a bound and is on record with a result per token that says what to do.
/// </summary>
public sealed class OutboundFailureTests : IAsyncLifetime
{
    // Generous next to what each case needs (well under 2 s), far below what an unbounded wait would take.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly PushContent Content = new() { Title = "Weekend offers", Body = "Open the app" };

    private readonly TestDatabase database = new();
    private readonly TcpListener blackHole = new(IPAddress.Loopback, 0);
    private FakeFcm fcm = default!;
    private WebApplication? host;
    private int clubId;
    private long memberId;

    public async Task InitializeAsync()
    {
        fcm = await FakeFcm.StartAsync();
        // Accepts connections (the kernel does) and never answers: a hung FCM or token endpoint.
        blackHole.Start();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
        blackHole.Stop();
        await fcm.DisposeAsync();
        database.Dispose();
    }

    private Uri BlackHoleUrl => new($"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}");

    private static Uri RefusingUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A club whose member has two tokens in one Firebase project, sending to <paramref name="fcmEndpoint"/>.</summary>
    private async Task ArrangeAsync(Uri fcmEndpoint, string requestTimeout = "00:00:00.300", string? tokenUri = null)
    {
        var settings = database.Settings;
        settings["Fcm:Endpoint"] = fcmEndpoint.ToString();
        settings["Fcm:RetryBaseDelay"] = "00:00:00.010";
        settings["Fcm:RequestTimeout"] = requestTimeout;
        host = PortalServices.BuildCliHost(settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        var provider = scope.ServiceProvider;
        clubId = (await provider.GetRequiredService<ClubService>().CreateAsync("mall", "Mall", Actor.System)).Id;
        memberId = (await provider.GetRequiredService<MemberService>().CreateAsync(clubId,
            new MemberDraft { Properties = new JsonObject { ["email"] = "pia@example.no" } }, Actor.Import)).Value!.Id;
        var devices = provider.GetRequiredService<DeviceTokenService>();
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("token-a", "android", "phone", "infinity-app"));
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("token-b", "ios", "tablet", "infinity-app"));
        var key = JsonNode.Parse(fcm.ServiceAccountJson())!.AsObject();
        if (tokenUri is not null)
        {
            key["token_uri"] = tokenUri;
        }
        await provider.GetRequiredService<FirebaseProjectService>().SaveAsync(clubId, "infinity-app", null, key.ToJsonString(), Actor.System);
    }

    private async Task<(PushSendOutcome Outcome, TimeSpan Took)> SendAsync(CancellationToken ct = default)
    {
        await using var scope = host!.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var outcome = (await scope.ServiceProvider.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([memberId]), Content, false, Actor.Cli("marketer"), null, ct)).Value!;
        return (outcome, clock.Elapsed);
    }

    /// <summary>The stored deliveries of the club's only send: token, success, error code, attempts.</summary>
    private List<(string Token, bool Success, string? ErrorCode, long Attempts)> StoredDeliveries()
    {
        using var connection = database.Open();
        using var command = database.Command(connection,
            "SELECT d.Token, d.Success, d.ErrorCode, d.Attempts FROM PushDeliveries d JOIN PushSends s ON s.Id = d.PushSendId ORDER BY d.Token");
        using var reader = command.ExecuteReader();
        var rows = new List<(string, bool, string?, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2), Convert.ToInt64(reader.GetValue(3))));
        }
        return rows;
    }

    private void AssertOneCompletedSend(int succeeded, int failed)
    {
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM PushSends"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM PushSends WHERE CompletedAt IS NOT NULL AND Total = 2 AND Succeeded = {succeeded} AND Failed = {failed}"));
    }

    [Fact]
    public async Task FcmRefusingConnectionsLeavesAFailedRecordPerTokenAfterItsRetries()
    {
        await ArrangeAsync(RefusingUrl());

        var (outcome, took) = await SendAsync();

        Assert.All(outcome.Results, r => Assert.Equal(FcmErrorCodes.Network, r.ErrorCode));
        Assert.True(took < Bound, $"took {took}");
        AssertOneCompletedSend(succeeded: 0, failed: 2);
        Assert.Equal([("token-a", false, FcmErrorCodes.Network, 4L), ("token-b", false, FcmErrorCodes.Network, 4L)], StoredDeliveries());
    }

    [Fact]
    public async Task FcmThatNeverAnswersTimesOutPerAttemptAndIsRecorded()
    {
        await ArrangeAsync(BlackHoleUrl);

        var (outcome, took) = await SendAsync();

        Assert.All(outcome.Results, r => Assert.Equal(FcmErrorCodes.Network, r.ErrorCode));
        Assert.True(took < Bound, $"took {took}");
        AssertOneCompletedSend(succeeded: 0, failed: 2);
        // A request that timed out may have reached FCM, so it is not sent again (no token gets a message twice).
        Assert.Equal([("token-a", false, FcmErrorCodes.Network, 1L), ("token-b", false, FcmErrorCodes.Network, 1L)], StoredDeliveries());
    }

    [Fact]
    public async Task GoogleTokenEndpointThatNeverAnswersFailsTheSendInTimeAndIsRecorded()
    {
        await ArrangeAsync(fcm.BaseUrl, tokenUri: new Uri(BlackHoleUrl, "/token").ToString());

        var (outcome, took) = await SendAsync();

        Assert.All(outcome.Results, r => Assert.Equal(FcmErrorCodes.Authentication, r.ErrorCode));
        Assert.True(took < Bound, $"took {took}");
        AssertOneCompletedSend(succeeded: 0, failed: 2);
        Assert.Empty(fcm.Requests);
    }

    [Fact]
    public async Task RetryAfterWithinTheMaximumIsHonouredAndALongerOneFailsTheMessageAtOnce()
    {
        await ArrangeAsync(fcm.BaseUrl);
        // FCM asks for an hour's pause on one token (beyond Fcm:MaxRetryAfter, 30 s) and one second on the other.
        fcm.Script("token-a", new FakeAnswer(429, FcmErrorCodes.QuotaExceeded, RetryAfterSeconds: 3600));
        fcm.Script("token-b", new FakeAnswer(503, FcmErrorCodes.Unavailable, RetryAfterSeconds: 1));

        var (outcome, took) = await SendAsync();

        Assert.Equal(FcmErrorCodes.QuotaExceeded, outcome.Results.Single(r => r.Token == "token-a").ErrorCode);
        Assert.True(outcome.Results.Single(r => r.Token == "token-b").Success);
        Assert.True(took < Bound, $"took {took}");
        AssertOneCompletedSend(succeeded: 1, failed: 1);
        Assert.Equal([("token-a", false, FcmErrorCodes.QuotaExceeded, 1L), ("token-b", true, null, 2L)], StoredDeliveries());
        Assert.Equal(1, fcm.Accepted["token-b"]);
        Assert.False(fcm.Accepted.ContainsKey("token-a"));
    }

    [Fact]
    public async Task ASendStoppedByTheCallerIsStillOnRecord()
    {
        // FCM hangs; each attempt would wait 30 s. The page is closed once a request is on its way.
        await ArrangeAsync(BlackHoleUrl, requestTimeout: "00:00:30");
        using var leaving = new CancellationTokenSource();

        var clock = Stopwatch.StartNew();
        var sending = SendAsync(leaving.Token);
        using (await blackHole.AcceptTcpClientAsync().WaitAsync(Bound))
        {
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        AssertOneCompletedSend(succeeded: 0, failed: 2);
        Assert.All(StoredDeliveries(), d => Assert.Equal((false, FcmErrorCodes.Cancelled), (d.Success, d.ErrorCode)));
    }
}
