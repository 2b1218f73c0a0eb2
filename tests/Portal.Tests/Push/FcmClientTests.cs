using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Features.Push;

namespace Portal.Tests.Push;

/// <summary>The real FCM client against the loopback fakes of Google's token endpoint and FCM.</summary>
public class FcmClientTests : IAsyncLifetime
{
    private FakeFcm fcm = default!;
    private FcmClient client = default!;
    private ServiceAccountKey key = default!;
    private static readonly PushContent Content = new() { Title = "Black Friday", Body = "30 % off in every store today", ImageUrl = "https://media.example.com/bf.png" };

    public async Task InitializeAsync()
    {
        fcm = await FakeFcm.StartAsync();
        key = ServiceAccountKey.Parse(fcm.ServiceAccountJson());
        client = New(new FcmOptions { Endpoint = fcm.BaseUrl.ToString(), RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 3 });
    }

    public async Task DisposeAsync() => await fcm.DisposeAsync();

    private static FcmClient New(FcmOptions options) =>
        new(new HttpClient(), new FcmAccessTokens(), Options.Create(options), NullLogger<FcmClient>.Instance, TimeProvider.System);

    private Task<FcmSendResult> SendAsync(string token, bool validateOnly = false) =>
        client.SendAsync(key, "infinity-app", token, Content, "msg-1", validateOnly, CancellationToken.None);

    [Fact]
    public async Task SuccessReturnsFcmsMessageNameAndSendsTheWholeMessage()
    {
        var result = await SendAsync("good-token");

        Assert.True(result.Success);
        Assert.StartsWith("projects/infinity-app/messages/", result.MessageName);
        Assert.Equal(1, result.Attempts);
        var body = Assert.Single(fcm.Requests);
        Assert.False(body["validate_only"]!.GetValue<bool>());
        var message = body["message"]!;
        Assert.Equal("good-token", message["token"]!.GetValue<string>());
        Assert.Equal("Black Friday", message["notification"]!["title"]!.GetValue<string>());
        Assert.Equal("msg-1", message["data"]![FcmPayload.MessageIdKey]!.GetValue<string>());
        Assert.Equal("high", message["android"]!["priority"]!.GetValue<string>());
        Assert.Equal("10", message["apns"]!["headers"]!["apns-priority"]!.GetValue<string>());
        Assert.Equal(1, fcm.TokenRequests);
    }

    [Fact]
    public async Task DryRunSetsValidateOnly()
    {
        var result = await SendAsync("dry-token", validateOnly: true);

        Assert.True(result.Success);
        Assert.True(Assert.Single(fcm.Requests)["validate_only"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheAccessTokenIsFetchedOnceAndReused()
    {
        await SendAsync("t1");
        await SendAsync("t2");
        await SendAsync("t3");

        Assert.Equal(1, fcm.TokenRequests);
    }

    [Theory]
    [InlineData(404, FcmErrorCodes.Unregistered)]
    [InlineData(403, FcmErrorCodes.SenderIdMismatch)]
    [InlineData(400, FcmErrorCodes.InvalidArgument)]
    public async Task ErrorsThatRetryingCannotFixAreReportedAtOnce(int status, string code)
    {
        fcm.Script("bad-token", new FakeAnswer(status, code, Message: "The registration token is not valid"));

        var result = await SendAsync("bad-token");

        Assert.False(result.Success);
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal("The registration token is not valid", result.ErrorMessage);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(code == FcmErrorCodes.Unregistered, result.TokenIsDead);
    }

    [Fact]
    public async Task QuotaExceededWithRetryAfterIsRetriedAfterThePauseThenSucceeds()
    {
        // Time passes on a fake clock: the test sees the pause the client asks for and moves time across it.
        var time = new TimerWatchingTimeProvider();
        var client = new FcmClient(new HttpClient(), new FcmAccessTokens(), Options.Create(new FcmOptions
        {
            Endpoint = fcm.BaseUrl.ToString(), RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 3,
        }), NullLogger<FcmClient>.Instance, time);
        fcm.Script("busy-token", new FakeAnswer(429, FcmErrorCodes.QuotaExceeded, RetryAfterSeconds: 1));

        var sending = client.SendAsync(key, "infinity-app", "busy-token", Content, "msg-1", validateOnly: false, CancellationToken.None);
        var pause = await time.NextTimer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(1), pause);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(sending.IsCompleted);
        Assert.Equal(1, fcm.Attempts["busy-token"]);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Success);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, fcm.Accepted["busy-token"]);
    }

    /// <summary>A fake clock that tells when code starts waiting on it, and for how long.</summary>
    private sealed class TimerWatchingTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        private readonly TaskCompletionSource<TimeSpan> nextTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TimeSpan> NextTimer => nextTimer.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                nextTimer.TrySetResult(dueTime);
            }
            return timer;
        }
    }

    [Fact]
    public async Task UnavailableIsRetriedUntilTheRetriesRunOut()
    {
        fcm.Script("down-token", Enumerable.Repeat(new FakeAnswer(503, FcmErrorCodes.Unavailable), 10).ToArray());

        var result = await SendAsync("down-token");

        Assert.False(result.Success);
        Assert.Equal(FcmErrorCodes.Unavailable, result.ErrorCode);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(4, fcm.Attempts["down-token"]);
        Assert.False(fcm.Accepted.ContainsKey("down-token"));
    }

    [Fact]
    public async Task InternalErrorsAreRetriedAndNoTokenGetsTheMessageTwice()
    {
        fcm.Script("flaky-a", new FakeAnswer(500, FcmErrorCodes.Internal), new FakeAnswer(503, FcmErrorCodes.Unavailable));
        fcm.Script("flaky-b", new FakeAnswer(429, FcmErrorCodes.QuotaExceeded));
        string[] tokens = ["flaky-a", "flaky-b", "fine-c", "fine-d"];

        var results = await client.SendManyAsync(key, "infinity-app", tokens, Content, "msg-2", false, null, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Success, $"{r.Token}: {r.ErrorCode}"));
        Assert.All(tokens, t => Assert.Equal(1, fcm.Accepted[t]));
        Assert.Equal(tokens, results.Select(r => r.Token));
    }

    [Fact]
    public async Task SendingToAThousandTokensReportsProgressForEveryToken()
    {
        fcm.Latency = TimeSpan.FromMilliseconds(20);
        var tokens = Enumerable.Range(0, 1000).Select(i => $"bulk-{i}").ToList();
        var reported = 0;
        var progress = new SynchronousProgress<FcmSendResult>(_ => Interlocked.Increment(ref reported));

        var results = await client.SendManyAsync(key, "infinity-app", tokens, Content, "msg-3", false, progress, CancellationToken.None);

        Assert.Equal(1000, results.Count(r => r.Success));
        Assert.Equal(1000, reported);
        Assert.Equal(1000, fcm.Accepted.Count);
    }

    [Fact]
    public async Task CancellingStopsTheSend()
    {
        fcm.Latency = TimeSpan.FromMilliseconds(200);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var tokens = Enumerable.Range(0, 500).Select(i => $"cancel-{i}").ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.SendManyAsync(key, "infinity-app", tokens, Content, "msg-4", false, null, cancel.Token));

        Assert.True(fcm.Attempts.Count < 500);
    }

    [Fact]
    public async Task AKeyTheTokenEndpointRefusesIsAnAuthenticationFailure()
    {
        var other = await FakeFcm.StartAsync();
        var stale = ServiceAccountKey.Parse(other.ServiceAccountJson());
        await other.DisposeAsync();

        var result = await client.SendAsync(stale, "infinity-app", "any-token", Content, "msg-5", false, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(FcmErrorCodes.Authentication, result.ErrorCode);
    }

    [Fact]
    public void PayloadsOverFcmsLimitAreRefusedWithAClearMessage()
    {
        var big = Content with { Data = new Dictionary<string, string> { ["blob"] = new string('x', 5000) } };

        Assert.Null(FcmPayload.SizeError(Content, "msg"));
        Assert.Contains("FCM takes at most 4,096", FcmPayload.SizeError(big, "msg"));
    }

    [Theory]
    [InlineData("""{"type":"authorized_user"}""", "service_account")]
    [InlineData("""not json""", "not JSON")]
    [InlineData("""{"type":"service_account","project_id":"p","client_email":"a@b.c","private_key":"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}""", "private_key")]
    [InlineData("""{"type":"service_account","project_id":"p","private_key":"x"}""", "client_email")]
    public void ServiceAccountKeysAreCheckedBeforeUse(string json, string complaint)
    {
        var error = Assert.Throws<PortalValidationException>(() => ServiceAccountKey.Parse(json));

        Assert.Contains(complaint, error.Message);
    }

    /// <summary>IProgress that reports on the calling thread, so counts are complete when the send returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
