using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Tests.Placewise;

namespace Portal.Tests.Reliability;

/// <summary>
/// Writers playing the mobile app: each creates a member through the Placewise API (member, two consent
/// answers and a welcome e-mail in one transaction), then registers a push token for it through the Masivo
/// devices endpoint. It keeps every write the server acknowledged with a 2xx, and every other answer.
/// </summary>
public sealed class WriteLoad(HttpClient http, string apiKey, string slug, string prefix)
{
    /// <summary>E-mail to member id, for every create answered 201.</summary>
    public ConcurrentDictionary<string, long> AckedMembers { get; } = new();

    /// <summary>Token to member id, for every registration answered 200.</summary>
    public ConcurrentDictionary<string, long> AckedTokens { get; } = new();

    /// <summary>Answers that were neither 2xx nor a lost connection: status and body.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Requests that got no answer (connection refused or reset).</summary>
    public ConcurrentQueue<string> Unanswered { get; } = new();

    /// <summary>Requests sent and not yet answered, right now.</summary>
    public int InFlight => inFlight;

    private int inFlight;

    /// <summary>
    /// Runs <paramref name="writers"/> writers, each doing <paramref name="perWriter"/> create+register pairs or
    /// until <paramref name="stop"/>; a writer stops at its first unanswered request (the server is gone).
    /// </summary>
    public Task RunAsync(int writers, int perWriter, CancellationToken stop = default) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w, perWriter, stop))));

    private async Task WriterAsync(int writer, int perWriter, CancellationToken stop)
    {
        for (var i = 0; i < perWriter && !stop.IsCancellationRequested; i++)
        {
            var email = $"{prefix}-{writer}-{i}@load.example";
            try
            {
                var id = await CreateMemberAsync(email);
                if (id is null)
                {
                    continue;
                }
                AckedMembers[email] = id.Value;
                var token = $"{prefix}-token-{writer}-{i}";
                if (await RegisterTokenAsync(id.Value, token))
                {
                    AckedTokens[token] = id.Value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Unanswered.Enqueue($"{email}: {e.GetType().Name} {e.Message}");
                return;
            }
        }
    }

    private async Task<long?> CreateMemberAsync(string email)
    {
        var body = new JsonObject
        {
            ["properties"] = new JsonObject { ["email"] = email, ["first_name"] = "Load", ["last_name"] = "Writer" },
            ["consents"] = new JsonObject { [ReliabilityClub.NewsConsent] = true, [ReliabilityClub.SmsConsent] = false },
            ["password"] = "load writer password",
        };
        using var response = await Tracked(new PlacewiseApi(http, apiKey, slug).CreateMemberAsync(body));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            await RefusedAsync("create " + email, response);
            return null;
        }
        return (await PlacewiseApi.JsonAsync(response))["id"]!.GetValue<long>();
    }

    private async Task<bool> RegisterTokenAsync(long memberId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/storefront/v1/customers/{memberId}/devices")
        {
            Content = new StringContent(new JsonObject
            {
                ["device_token"] = token,
                ["device_info"] = new JsonObject { ["platform"] = "android", ["model"] = "Pixel 9", ["osVersion"] = "16" },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await Tracked(http.SendAsync(request));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await RefusedAsync("register " + token, response);
            return false;
        }
        return true;
    }

    private async Task<HttpResponseMessage> Tracked(Task<HttpResponseMessage> sending)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            return await sending;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task RefusedAsync(string what, HttpResponseMessage response) =>
        Refusals.Enqueue($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}
