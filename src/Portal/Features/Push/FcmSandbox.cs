using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Portal.Features.Push;

/// <summary>A message the sandbox "delivered".</summary>
public record SandboxMessage(DateTime ReceivedAt, string Project, string Token, bool ValidateOnly, string? Title, string? Body, string Json);

/// <summary>
/// Development's stand-in for Firebase: a project called "sandbox" whose token endpoint and FCM live inside the
/// app, keeping what they receive in memory for the sandbox page. Tokens starting with "dead-" answer
/// UNREGISTERED, so the console's clean-up can be seen too. Never on outside Development.
/// </summary>
public class FcmSandbox(IOptions<FcmOptions> options, IWebHostEnvironment environment, IServer server, TimeProvider clock)
{
    public const string Slug = "sandbox";
    public const string ProjectId = "portal-sandbox";
    public const string PathBase = "/dev/fcm-sandbox";
    private const int Kept = 500;

    private readonly ConcurrentQueue<SandboxMessage> received = new();
    private readonly Lazy<string> privateKey = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    public bool Enabled => options.Value.SandboxEnabled && environment.IsDevelopment();

    public IReadOnlyList<SandboxMessage> Received => received.Reverse().ToList();

    /// <summary>Credentials pointing at this app's own sandbox endpoints.</summary>
    public FirebaseCredentials Credentials()
    {
        var self = SelfAddress();
        var json = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key"] = privateKey.Value,
            ["client_email"] = $"sandbox@{ProjectId}.iam.gserviceaccount.com",
            ["token_uri"] = $"{self}{PathBase}/token",
        }.ToJsonString();
        return new FirebaseCredentials(ProjectId, ServiceAccountKey.Parse(json), $"{self}{PathBase}");
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost($"{PathBase}/token", () => Results.Json(new { access_token = "sandbox-access-token", expires_in = 3600, token_type = "Bearer" }))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost($"{PathBase}/v1/projects/{{project}}/messages:send", (string project, JsonObject body) =>
        {
            var message = body["message"];
            var token = message?["token"]?.GetValue<string>() ?? message?["topic"]?.GetValue<string>() ?? "";
            if (token.StartsWith("dead-", StringComparison.Ordinal))
            {
                return Results.Json(new
                {
                    error = new
                    {
                        code = 404, message = "Requested entity was not found.", status = "NOT_FOUND",
                        details = new[] { new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = FcmErrorCodes.Unregistered } },
                    },
                }, statusCode: 404);
            }
            received.Enqueue(new SandboxMessage(clock.GetUtcNow().UtcDateTime, project, token, body["validate_only"]?.GetValue<bool>() == true,
                message?["notification"]?["title"]?.GetValue<string>(), message?["notification"]?["body"]?.GetValue<string>(), body.ToJsonString()));
            while (received.Count > Kept && received.TryDequeue(out _))
            {
            }
            return Results.Json(new { name = $"projects/{project}/messages/sandbox-{Guid.NewGuid():N}" });
        }).AllowAnonymous().ExcludeFromDescription();
    }

    // The app calls itself: the first address Kestrel listens on, with a wildcard host made concrete.
    private string SelfAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The FCM sandbox needs the web server's address.");
        return address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").TrimEnd('/');
    }
}
