using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Runs the built Portal executable once per test run as a child process on a free 127.0.0.1 port, with
/// a fresh SQLite database in a temporary folder and the demo club seeded. On .NET 9
/// WebApplicationFactory cannot listen on a real port, and running the executable also covers what
/// ships: start-up, migrations, static web assets and the first-run admin.
/// </summary>
public sealed partial class PortalAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder log = new();
    private readonly TaskCompletionSource<UserCredentials> firstRunAdmin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? pendingAdminEmail;
    private Process? process;

    /// <summary>The slug and name of the club <c>Portal:SeedDemoData</c> creates.</summary>
    public const string DemoClubSlug = "infinity-mall";
    public const string DemoClubName = "Infinity Mall";
    public const int DemoClubMembers = 8;

    public string Executable { get; } = BuildPaths.PortalExecutable;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}");
    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>The Admin the app created on its empty database and printed once to stdout.</summary>
    public UserCredentials Admin { get; private set; } = default!;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

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
        BaseUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        // The app's FCM client talks to this loopback fake (and its token endpoint) over real HTTP.
        Fcm = await Portal.Tests.Push.FakeFcm.StartAsync();

        var start = NewStartInfo();
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput("out", e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput("err", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {Executable}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitUntilHealthyAsync();
            // The credentials are printed before Kestrel starts listening, but stdout is read asynchronously.
            Admin = await firstRunAdmin.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            StopApp();
            throw new InvalidOperationException($"Portal did not start at {BaseUrl}: {e.Message}\n--- Portal output ---\n{Log}", e);
        }
    }

    /// <summary>The fake FCM the app sends pushes to; script its answers per token.</summary>
    public Portal.Tests.Push.FakeFcm? Fcm { get; private set; }

    public async Task DisposeAsync()
    {
        StopApp();
        SaveLog();
        DeleteDataDirectory();
        if (Fcm is not null)
        {
            await Fcm.DisposeAsync();
        }
    }

    /// <summary>Runs a CLI verb (<c>Portal users create ...</c>) against the same database and environment as the app.</summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        var start = NewStartInfo();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var cli = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliTimeout);
        try
        {
            await cli.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            cli.Kill(entireProcessTree: true);
            throw new TimeoutException($"Portal {string.Join(' ', args)} did not finish within {CliTimeout.TotalSeconds:0} s.");
        }
        return new CliResult(cli.ExitCode, await stdout, await stderr);
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

    private ProcessStartInfo NewStartInfo()
    {
        var start = new ProcessStartInfo(Executable)
        {
            // appsettings.json lives beside the executable.
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(DataDirectory, "portal.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = AspNetCoreEnvironment;
        start.Environment["Portal__SeedDemoData"] = "true";
        // Every browser test signs in from 127.0.0.1; the per-address limit is for the internet, not for one test run.
        start.Environment["RateLimits__SignInPerIpPerMinute"] = "300";
        if (Fcm is not null)
        {
            start.Environment["Fcm__Endpoint"] = Fcm.BaseUrl.ToString();
            start.Environment["Fcm__RetryBaseDelay"] = "00:00:00.050";
        }
        // Settings a developer's shell may carry must not steer the app under test elsewhere.
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return start;
    }

    private void OnOutput(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.Append(stream).Append(": ").AppendLine(line);
        }
        if (stream != "out")
        {
            return;
        }
        if (EmailLine().Match(line) is { Success: true } email)
        {
            pendingAdminEmail = email.Groups[1].Value;
        }
        else if (PasswordLine().Match(line) is { Success: true } password && pendingAdminEmail is not null)
        {
            firstRunAdmin.TrySetResult(new UserCredentials(pendingAdminEmail, password.Groups[1].Value));
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"the process exited with code {process.ExitCode}");
            }
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastProblem = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProblem = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"/health did not answer 200 within {StartupTimeout.TotalSeconds:0} s (last: {lastProblem})");
    }

    private void StopApp()
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        process.Dispose();
        process = null;
    }

    // The app's output outlives the temporary folder, for a look after a failed run (artifacts/ is git-ignored).
    private void SaveLog()
    {
        try
        {
            Directory.CreateDirectory(BuildPaths.ArtifactsDirectory);
            File.WriteAllText(Path.Combine(BuildPaths.ArtifactsDirectory, "portal-app.log"), Log);
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

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
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

/// <summary>An account to sign in with.</summary>
public sealed record UserCredentials(string Email, string Password);
