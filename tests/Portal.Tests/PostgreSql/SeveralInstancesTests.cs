using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Testing;
using Portal.Tests.Web;

namespace Portal.Tests.PostgreSql;

/// <summary>
/// Two Portal processes on one PostgreSQL database, as behind a load balancer: what one instance writes, signs or
/// revokes holds on the other, and the audit retention job runs on one of them.
/// </summary>
public sealed class SeveralInstancesTests(SeveralInstancesTests.TwoInstances instances) : IClassFixture<SeveralInstancesTests.TwoInstances>
{
    private const string Email = "ops@example.com";
    private const string Password = "Passw0rdForTests";

    private PortalProcess a => instances.A;

    private PortalProcess b => instances.B;

    private TestDatabase database => instances.Database;

    /// <summary>The database, prepared through the CLI, and instances A and B started on it.</summary>
    public sealed class TwoInstances : IAsyncLifetime
    {
        private readonly PostgresServerFixture postgres = new();

        public TestDatabase Database { get; private set; } = null!;

        public PortalProcess A { get; private set; } = null!;

        public PortalProcess B { get; private set; } = null!;

        /// <summary>For the member test (never revoked).</summary>
        public string MemberKey { get; private set; } = "";

        /// <summary>For the revocation test.</summary>
        public (string Key, string Id) RevokedKey { get; private set; }

        public async Task InitializeAsync()
        {
            await postgres.InitializeAsync();
            Database = new TestDatabase(postgres.Server);
            await CliAsync("db", "migrate");
            await CliAsync("clubs", "create", "--slug", "twin-mall", "--name", "Twin Mall");
            await CliAsync("users", "create", "--email", Email, "--password", Password, "--role", "Admin", "--club", "twin-mall");
            MemberKey = LastLine(await CliAsync("apikeys", "create", "--club", "twin-mall", "--name", "Mall app"));
            var revoked = await CliAsync("apikeys", "create", "--club", "twin-mall", "--name", "Old app");
            RevokedKey = (LastLine(revoked), System.Text.RegularExpressions.Regex.Match(revoked.Stdout, @"Created API key (\d+) ").Groups[1].Value);
            // A record far past the retention (400 days by default), for the job to delete.
            Database.Scalar("INSERT INTO AuditRecords (ClubId, At, ActorType, Action) VALUES (NULL, '2001-01-01 00:00:00+00', 'system', 'test.ancient')");

            // A first, so it makes the key ring's first key; B then finds it in the database.
            A = await PortalProcess.StartAsync(PortalBuild.Executable, [], Environment());
            B = await PortalProcess.StartAsync(PortalBuild.Executable, [], Environment());
        }

        public async Task DisposeAsync()
        {
            if (A is not null)
            {
                await A.DisposeAsync();
            }
            if (B is not null)
            {
                await B.DisposeAsync();
            }
            Database?.Dispose();
            await postgres.DisposeAsync();
        }

        public Dictionary<string, string?> Environment() => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__Database"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = Database.ConnectionString,
            ["Portal__SeedDemoData"] = "false",
            ["Portal__ValidateServices"] = "true",
            ["Portal__ApiKeyCacheLifetime"] = KeyCacheLifetime.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Portal.Features.Audit.AuditRetention"] = "Information",
        };

        public async Task<ProcessResult> CliAsync(params string[] args)
        {
            var run = await PortalProcess.RunToExitAsync(PortalBuild.Executable, args, Environment());
            Assert.True(run.ExitCode == 0, $"Portal {string.Join(' ', args)} exited {run.ExitCode}: {run.Stdout}\n{run.Stderr}");
            return run;
        }

        private static string LastLine(ProcessResult run) => run.Stdout.Trim().Split('\n')[^1].Trim();
    }

    [Fact]
    public async Task AMemberCreatedThroughOneInstanceIsReadThroughTheOther()
    {
        using var throughA = Client(a);
        using var throughB = Client(b);

        using var created = await Placewise(throughA, instances.MemberKey, HttpMethod.Post, "/v3/twin-mall/members",
            new JsonObject { ["properties"] = new JsonObject { ["email"] = "twin@example.no", ["first_name"] = "Tvilling" }, ["password"] = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();

        using var read = await Placewise(throughB, instances.MemberKey, HttpMethod.Get, $"/v3/twin-mall/members/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var member = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("twin@example.no", member["properties"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASignInCookieFromOneInstanceWorksOnTheOther()
    {
        var cookies = new CookieContainer();
        using var browserOnA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = a.BaseUrl };
        using var signIn = await HtmlForm.SignInAsync(browserOnA, Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookieHeader = cookies.GetCookieHeader(a.BaseUrl);
        Assert.Contains("portal.auth=", cookieHeader);

        using var noCookies = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = b.BaseUrl };
        using var anonymous = await noCookies.GetAsync("/members");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/members");
        withCookie.Headers.Add("Cookie", cookieHeader);
        using var onB = await noCookies.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
    }

    [Fact]
    public async Task AKeyRevokedWhileBothRunIsRefusedByBothWithinTheKeyCacheLifetime()
    {
        using var throughA = Client(a);
        using var throughB = Client(b);
        foreach (var client in new[] { throughA, throughB })
        {
            // Both instances have read (and keep) the key before it is revoked.
            using var before = await Placewise(client, instances.RevokedKey.Key, HttpMethod.Get, "/v3/twin-mall/schema");
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await instances.CliAsync("apikeys", "revoke", "--club", "twin-mall", "--id", instances.RevokedKey.Id);

        // README "Running several instances": a revoke reaches every instance within Portal:ApiKeyCacheLifetime. The
        // instances run in their own processes on the real clock, so the test waits out the stated bound.
        await Task.Delay(KeyCacheLifetime);
        using var onA = await Placewise(throughA, instances.RevokedKey.Key, HttpMethod.Get, "/v3/twin-mall/schema");
        using var onB = await Placewise(throughB, instances.RevokedKey.Key, HttpMethod.Get, "/v3/twin-mall/schema");
        Assert.Equal(HttpStatusCode.Unauthorized, onA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onB.StatusCode);
    }

    /// <summary>Shorter than the default 10 s, so the revoke test waits less; the rule it proves is the same.</summary>
    private static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TheAuditRetentionJobRanOnOneInstance()
    {
        // Each instance logs its start-up round either way; wait (bounded) until both have.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Rounds(a) + Rounds(b) < 2 && DateTime.UtcNow < deadline && !a.HasExited && !b.HasExited)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1, Started(a) + Started(b));
        Assert.Equal(1, Skipped(a) + Skipped(b));
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM AuditRecords WHERE Action = 'test.ancient'"));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM BackgroundJobRuns WHERE Name = 'audit-retention'"));
    }

    private static int Started(PortalProcess app) => Count(app.Log, "Audit retention started");

    private static int Skipped(PortalProcess app) => Count(app.Log, "Audit retention skipped");

    private static int Rounds(PortalProcess app) => Started(app) + Skipped(app);

    // Lines, not occurrences: a JSON log line holds the message and its template.
    private static int Count(string log, string message) => log.Split('\n').Count(line => line.Contains(message, StringComparison.Ordinal));

    private static HttpClient Client(PortalProcess app) => new() { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    private static Task<HttpResponseMessage> Placewise(HttpClient client, string key, HttpMethod method, string path, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Client-Authorization", key);
        request.Headers.Add("X-Product-Name", "mall-app");
        request.Headers.Add("X-User-Agent", "MallApp/5.2 (iOS 18)");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }
}
