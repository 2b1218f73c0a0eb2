using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Push;

/// <summary>
/// A loopback stand-in for Google's OAuth token endpoint and FCM HTTP v1, over real HTTP. Each token can be
/// scripted with answers (status, FCM error code, Retry-After); it counts attempts and accepted messages.
/// </summary>
public sealed class FakeFcm : IAsyncDisposable
{
    public const string AccessToken = "fake-access-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeAnswer>> scripts = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    /// <summary>Messages FCM took (answered 200), per token: never more than one per send.</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public int TokenRequests => tokenRequests;

    public TimeSpan Latency { get; set; }

    public Uri BaseUrl { get; }

    private int tokenRequests;
    private int messageNumber;

    private FakeFcm(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeFcm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeFcm? fake = null;
        app.MapPost("/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            Interlocked.Increment(ref fake!.tokenRequests);
            return form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" && form["assertion"].ToString().Count(c => c == '.') == 2
                ? Results.Json(new { access_token = AccessToken, expires_in = 3600, token_type = "Bearer" })
                : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        });
        app.MapPost("/v1/projects/{project}/messages:send", (string project, HttpContext http, JsonObject body) => fake!.SendAsync(project, http, body));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeFcm(app, new Uri(address));
        return fake;
    }

    /// <summary>Queues answers for a token; once they are used up it is accepted.</summary>
    public void Script(string token, params FakeAnswer[] answers) => scripts[token] = new ConcurrentQueue<FakeAnswer>(answers);

    /// <summary>A service-account key file whose token_uri is this fake.</summary>
    public string ServiceAccountJson(string projectId = "infinity-app")
    {
        using var rsa = RSA.Create(2048);
        return new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = projectId,
            ["private_key_id"] = "test-key",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = $"portal@{projectId}.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = new Uri(BaseUrl, "/token").ToString(),
        }.ToJsonString();
    }

    private async Task<IResult> SendAsync(string project, HttpContext http, JsonObject body)
    {
        if (http.Request.Headers.Authorization != $"Bearer {AccessToken}")
        {
            return Results.Json(Error(401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials."), statusCode: 401);
        }
        Requests.Enqueue(body);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }
        var token = body["message"]?["token"]?.GetValue<string>() ?? "";
        Attempts.AddOrUpdate(token, 1, (_, n) => n + 1);
        if (scripts.TryGetValue(token, out var queue) && queue.TryDequeue(out var answer))
        {
            if (answer.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString();
            }
            return Results.Json(Error(answer.Status, answer.Status switch { 404 => "NOT_FOUND", 403 => "PERMISSION_DENIED", 400 => "INVALID_ARGUMENT", 429 => "RESOURCE_EXHAUSTED", 503 => "UNAVAILABLE", _ => "INTERNAL" },
                answer.ErrorCode, answer.Message ?? $"Scripted {answer.ErrorCode}"), statusCode: answer.Status);
        }
        Accepted.AddOrUpdate(token, 1, (_, n) => n + 1);
        var validateOnly = body["validate_only"]?.GetValue<bool>() == true;
        return Results.Json(new { name = validateOnly ? $"projects/{project}/messages/fake_message_id" : $"projects/{project}/messages/{Interlocked.Increment(ref messageNumber)}" });
    }

    private static object Error(int code, string status, string? errorCode, string message) => new
    {
        error = new
        {
            code,
            message,
            status,
            details = errorCode is null ? Array.Empty<object>() : new object[] { new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = errorCode } },
        },
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public record FakeAnswer(int Status, string? ErrorCode, int? RetryAfterSeconds = null, string? Message = null);
