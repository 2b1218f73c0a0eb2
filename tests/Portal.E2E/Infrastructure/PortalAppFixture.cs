using System.Text.RegularExpressions;
using Portal.Testing;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Runs the built Portal executable once per test run as a child process on a free 127.0.0.1 port, with
/// a fresh SQLite database in a temporary folder and the demo club seeded. On .NET 9
/// WebApplicationFactory cannot listen on a real port, and running the executable also covers what
/// ships: start-up, migrations, static web assets and the first-run admin.
/// </summary>
public sealed partial class PortalAppFixture : IAsyncLifetime
{
    private readonly TaskCompletionSource<UserCredentials> firstRunAdmin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? pendingAdminEmail;
    private PortalProcess? process;

    /// <summary>The slug and name of the club <c>Portal:SeedDemoData</c> creates.</summary>
    public const string DemoClubSlug = "infinity-mall";
    public const string DemoClubName = "Infinity Mall";
    public const int DemoClubMembers = 8;

    public string Executable { get; } = BuildPaths.PortalExecutable;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}");
    public Uri BaseUrl => process?.BaseUrl ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>The Admin the app created on its empty database and printed once to stdout.</summary>
    public UserCredentials Admin { get; private set; } = default!;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Log => process?.Log ?? "";

    /// <summary>
    /// Production, with the demo data switched on: it is what ships (static web assets without the
    /// Development manifest, the friendly error page), and the CLI verbs run in it too.
    /// <c>PORTAL_E2E_ENVIRONMENT</c> overrides it.
    /// </summary>
    private static string AspNetCoreEnvironment =>
        Environment.GetEnvironmentVariable("PORTAL_E2E_ENVIRONMENT") is { Length: > 0 } configured ? configured : "Production";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"The Portal executable was not found at {Executable}. Build it first (dotnet build src/Portal, " +
                "or let dotnet test tests/Portal.E2E build it through its project reference), or point PORTAL_E2E_EXECUTABLE at it.");
        }
        Directory.CreateDirectory(DataDirectory);
        // The app's FCM client talks to this loopback fake (and its token endpoint) over real HTTP.
        Fcm = await Portal.Tests.Push.FakeFcm.StartAsync();

        process = await PortalProcess.StartAsync(Executable, [], AppEnvironment(), onOutputLine: OnOutput);
        try
        {
            // The credentials are printed before Kestrel starts listening, but stdout is read asynchronously.
            Admin = await firstRunAdmin.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Portal started at {BaseUrl} without printing the first-run Admin\n--- Portal output ---\n{Log}");
        }
    }

    /// <summary>The fake FCM the app sends pushes to; script its answers per token.</summary>
    public Portal.Tests.Push.FakeFcm? Fcm { get; private set; }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            var log = process.Log;
            await process.DisposeAsync();
            SaveLog(log);
        }
        DeleteDataDirectory();
        if (Fcm is not null)
        {
            await Fcm.DisposeAsync();
        }
    }

    /// <summary>Runs a CLI verb (<c>Portal users create ...</c>) against the same database and environment as the app.</summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        var result = await PortalProcess.RunToExitAsync(Executable, args, AppEnvironment(), timeout: TimeSpan.FromSeconds(60));
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>
    /// A club of the test's own with an Admin granted only that club and an API key, made with the CLI as an operator
    /// would: a test that changes a club's schema, consents or settings works there, so no other test sees the change
    /// whatever order the tests run in.
    /// </summary>
    public async Task<OwnClub> CreateOwnClubAsync(string prefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var slug = $"{prefix}-{suffix}";
        var admin = new UserCredentials($"admin-{slug}@example.com", $"Own-club-{suffix}-A1");
        await RunCliOrThrowAsync("clubs", "create", "--slug", slug, "--name", $"{prefix} {suffix}");
        await RunCliOrThrowAsync("users", "create", "--email", admin.Email, "--password", admin.Password, "--role", "Admin", "--club", slug);
        var key = await RunCliOrThrowAsync("apikeys", "create", "--club", slug, "--name", "E2E app");
        return new OwnClub(slug, admin, key.Stdout.TrimEnd().Split('\n').Last().Trim());
    }

    private async Task<CliResult> RunCliOrThrowAsync(params string[] args)
    {
        var result = await RunCliAsync(args);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"Portal {string.Join(' ', args)} failed: {result}");
    }

    /// <summary>
    /// A club API key with every permit for the demo club, made once with <c>Portal apikeys create</c> as an
    /// operator would, for tests that play the mobile app.
    /// </summary>
    public async Task<string> ApiKeyAsync()
    {
        await apiKeyLock.WaitAsync();
        try
        {
            if (apiKey is null)
            {
                var created = await RunCliAsync("apikeys", "create", "--club", DemoClubSlug, "--name", "E2E app");
                if (created.ExitCode != 0)
                {
                    throw new InvalidOperationException($"Portal apikeys create failed: {created}");
                }
                apiKey = created.Stdout.TrimEnd().Split('\n').Last().Trim();
            }
            return apiKey;
        }
        finally
        {
            apiKeyLock.Release();
        }
    }

    private readonly SemaphoreSlim apiKeyLock = new(1, 1);
    private string? apiKey;

    private Dictionary<string, string?> AppEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(DataDirectory, "portal.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = AspNetCoreEnvironment,
            ["Portal__SeedDemoData"] = "true",
            // A test host: service lifetimes are validated whatever the environment.
            ["Portal__ValidateServices"] = "true",
            // Every browser test signs in from 127.0.0.1; the per-address limit is for the internet, not for one test run.
            ["RateLimits__SignInPerIpPerMinute"] = "300",
        };
        if (Fcm is not null)
        {
            environment["Fcm__Endpoint"] = Fcm.BaseUrl.ToString();
            environment["Fcm__RetryBaseDelay"] = "00:00:00.050";
        }
        return environment;
    }

    private void OnOutput(string line)
    {
        if (EmailLine().Match(line) is { Success: true } email)
        {
            pendingAdminEmail = email.Groups[1].Value;
        }
        else if (PasswordLine().Match(line) is { Success: true } password && pendingAdminEmail is not null)
        {
            firstRunAdmin.TrySetResult(new UserCredentials(pendingAdminEmail, password.Groups[1].Value));
        }
    }

    // The app's output outlives the temporary folder, for a look after a failed run (artifacts/ is git-ignored).
    private static void SaveLog(string log)
    {
        try
        {
            Directory.CreateDirectory(BuildPaths.ArtifactsDirectory);
            File.WriteAllText(Path.Combine(BuildPaths.ArtifactsDirectory, "portal-app.log"), log);
        }
        catch (IOException)
        {
        }
    }

    private void DeleteDataDirectory()
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite's files may still be closing after the kill.
                Thread.Sleep(200);
            }
        }
    }

    [GeneratedRegex(@"^\s*Email:\s+(\S+)\s*$")]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"^\s*Password:\s+(\S+)\s*$")]
    private static partial Regex PasswordLine();
}

/// <summary>What a CLI verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>A club made for one test, its Admin and an API key with every permit.</summary>
public sealed record OwnClub(string Slug, UserCredentials Admin, string ApiKey);

/// <summary>An account to sign in with.</summary>
public sealed record UserCredentials(string Email, string Password);
