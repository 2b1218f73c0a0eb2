using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Portal.Tests.Reliability;

/// <summary>
/// The built Portal executable as a child process on a free 127.0.0.1 port and a given SQLite file, as
/// Portal.E2E runs it. A real process is what a crash test needs: <see cref="Kill"/> is SIGKILL on Linux,
/// which no in-process host can imitate.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder log = new();
    private Process? process;

    private PortalProcess(string databasePath, Uri baseUrl)
    {
        DatabasePath = databasePath;
        BaseUrl = baseUrl;
    }

    public static string Executable =>
        typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalExecutable").Value!;

    public string DatabasePath { get; }

    public Uri BaseUrl { get; }

    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    /// <summary>Starts Portal on <paramref name="databasePath"/> and waits until /health answers 200.</summary>
    public static async Task<PortalProcess> StartAsync(string databasePath)
    {
        var app = new PortalProcess(databasePath, new Uri($"http://127.0.0.1:{FreeLoopbackPort()}"));
        var start = StartInfo(databasePath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(app.BaseUrl.ToString().TrimEnd('/'));
        app.process = new Process { StartInfo = start };
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync();
        }
        catch (Exception e)
        {
            app.Kill();
            throw new InvalidOperationException($"Portal did not start on {databasePath}: {e.Message}\n--- Portal output ---\n{app.Log}", e);
        }
        return app;
    }

    /// <summary>Runs a CLI verb as its own process against <paramref name="databasePath"/>; returns exit code and stdout.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(string databasePath, params string[] args) =>
        RunCliInEnvironmentAsync("Production", databasePath, args);

    /// <summary>As <see cref="RunCliAsync"/> in another environment: <c>dotnet run</c>'s launch profile says Development.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliInEnvironmentAsync(string environment, string databasePath, params string[] args)
    {
        var start = StartInfo(databasePath, environment);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var cli = Process.Start(start)!;
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
        return (cli.ExitCode, await stdout, await stderr);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Kills the process without warning (SIGKILL on Linux): no shutdown, no flushing, no checkpoint.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ProcessStartInfo StartInfo(string databasePath, string environment = "Production")
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={databasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Portal__SeedDemoData"] = "false";
        // The load comes from one API key; the per-key limit is for the internet, not for this test.
        start.Environment["RateLimits__ApiPerKeyPerMinute"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return start;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < StartupTimeout)
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
                last = $"/health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"/health did not answer 200 within {StartupTimeout.TotalSeconds:0} s (last: {last})");
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
}
