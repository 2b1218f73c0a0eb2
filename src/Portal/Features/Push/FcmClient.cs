using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Portal.Features.Push;

/// <summary>
/// Our FCM HTTP v1 client (FirebaseAdmin is not obtainable here): one request per message, bounded
/// concurrency, retries of 429/500/503 with exponential backoff and jitter that honour Retry-After, and a
/// result per token. A message is sent again only when FCM did not take it.
/// </summary>
public class FcmClient
{
    private readonly HttpClient http;
    private readonly FcmAccessTokens tokens;
    private readonly FcmOptions options;
    private readonly ILogger<FcmClient> logger;
    private readonly TimeProvider clock;
    private readonly ResiliencePipeline<HttpResponseMessage> retries;

    public FcmClient(HttpClient http, FcmAccessTokens tokens, IOptions<FcmOptions> options, ILogger<FcmClient> logger, TimeProvider clock)
    {
        this.clock = clock;
        this.http = http;
        this.tokens = tokens;
        this.options = options.Value;
        this.logger = logger;
        retries = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TaskCanceledException>(e => !e.CancellationToken.IsCancellationRequested)
                    .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable
                        && !AsksForTooLongAPause(r)),
                MaxRetryAttempts = Math.Max(0, this.options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.options.RetryBaseDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>A pseudo-token that sends to a topic instead: "Test connection" dry-runs to it, no device needed.</summary>
    public const string ConnectionTestTopic = "/topics/portal-connection-test";

    /// <summary>Sends (or with <paramref name="validateOnly"/>, dry-runs) one message to one token.</summary>
    public async Task<FcmSendResult> SendAsync(ServiceAccountKey key, string projectId, string token, PushContent content, string messageId, bool validateOnly,
        CancellationToken ct, string? endpoint = null)
    {
        string accessToken;
        try
        {
            // Google's token endpoint gets the same bound as an FCM request: a hung endpoint must not hold the console.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            accessToken = await tokens.GetAsync(key, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "No FCM access token for {ClientEmail}", key.ClientEmail);
            return new FcmSendResult(token, false, null, FcmErrorCodes.Authentication, null, e.Message, 0);
        }

        var body = new JsonObject { ["validate_only"] = validateOnly, ["message"] = FcmPayload.Message(token, content, messageId) }.ToJsonString();
        var url = $"{(endpoint ?? options.Endpoint).TrimEnd('/')}/v1/projects/{Uri.EscapeDataString(projectId)}/messages:send";
        var attempts = 0;
        try
        {
            using var response = await retries.ExecuteAsync(async innerCt =>
            {
                attempts++;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(innerCt);
                timeout.CancelAfter(options.RequestTimeout);
                var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                return await http.SendAsync(request, timeout.Token);
            }, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                var name = JsonNode.Parse(text)?["name"]?.GetValue<string>();
                return new FcmSendResult(token, true, name, null, (int)response.StatusCode, null, attempts);
            }
            var (code, message) = Error(text, response.StatusCode);
            return new FcmSendResult(token, false, null, code, (int)response.StatusCode, message, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new FcmSendResult(token, false, null, FcmErrorCodes.Network, null, e.Message, attempts);
        }
    }

    /// <summary>
    /// Sends to many tokens at once, at most <see cref="FcmOptions.MaxConcurrency"/> in flight, reporting each
    /// result as it arrives. The results come back in the order of <paramref name="targets"/>.
    /// </summary>
    public async Task<IReadOnlyList<FcmSendResult>> SendManyAsync(ServiceAccountKey key, string projectId, IReadOnlyList<string> targets, PushContent content,
        string messageId, bool validateOnly, IProgress<FcmSendResult>? progress, CancellationToken ct, string? endpoint = null)
    {
        var results = new FcmSendResult[targets.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = ct },
            async (index, innerCt) =>
            {
                results[index] = await SendAsync(key, projectId, targets[index], content, messageId, validateOnly, innerCt, endpoint);
                progress?.Report(results[index]);
            });
        return results;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var wait = RequestedPause(response);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    // FCM asked for a longer pause than a console can wait for one message: the message fails now (retryable
    // later, the result says so) instead of holding the send for MaxRetryAfter on every retry.
    private bool AsksForTooLongAPause(HttpResponseMessage response) => RequestedPause(response) > options.MaxRetryAfter;

    private TimeSpan? RequestedPause(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
    }

    /// <summary>FCM's error code from <c>error.details[].errorCode</c>, else <c>error.status</c>, and its message.</summary>
    private static (string Code, string? Message) Error(string text, HttpStatusCode status)
    {
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            var detail = error?["details"]?.AsArray().Select(d => d?["errorCode"]?.GetValue<string>()).FirstOrDefault(c => c is not null);
            return (detail ?? error?["status"]?.GetValue<string>() ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
                error?["message"]?.GetValue<string>());
        }
        catch (JsonException)
        {
            return (((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }
    }
}
