using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Testing;

/// <summary>
/// A server run as a child process on a free 127.0.0.1 port (the built Portal executable, or the bench's own
/// servers), with its stdout and stderr kept for a failure report. One source file, linked into Portal.Tests,
/// Portal.E2E and Portal.Bench, so the three start the app the same way.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    /// <summary>Variables a developer's shell may carry that would steer the child elsewhere; always removed.</summary>
    private static readonly string[] SteeringVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT"];

    // A long run (the bench) must not grow the log without bound: keep the head and the latest part.
    private const int MaxLogChars = 200_000;
    private const int KeptHeadChars = 20_000;

    private readonly Process process;
    private readonly StringBuilder log = new();

    private PortalProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>From starting the process to the first 200 on the ready path.</summary>
    public TimeSpan StartupTime { get; private set; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote so far, each line prefixed with <c>out: </c> or <c>err: </c>.</summary>
    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    /// <summary>
    /// Starts <paramref name="executable"/> with <c>--urls http://127.0.0.1:PORT</c> appended and waits until
    /// <paramref name="readyPath"/> answers 200. A <c>null</c> value in <paramref name="environment"/> removes that
    /// variable. <paramref name="onOutputLine"/> sees every stdout line as it arrives (e.g. the first-run password).
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, string readyPath = "/health",
        TimeSpan? startupTimeout = null, Action<string>? onOutputLine = null)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} does not exist: build it first (dotnet build).");
        }
        var baseUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = StartInfo(executable, args, environment, workingDirectory);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));

        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        var child = new PortalProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) =>
        {
            child.Append("out", e.Data);
            if (e.Data is not null)
            {
                onOutputLine?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => child.Append("err", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timeout = startupTimeout ?? TimeSpan.FromSeconds(90);
        try
        {
            await WaitForOkAsync(new Uri(baseUrl, readyPath), process, timeout);
            child.StartupTime = clock.Elapsed;
        }
        catch (Exception e)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} did not start at {baseUrl}: {e.Message}\n--- its output ---\n{child.Log}", e);
        }
        return child;
    }

    /// <summary>Runs <paramref name="executable"/> to its end (a CLI verb) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunToExitAsync(string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = StartInfo(executable, args, environment, workingDirectory);
        using var run = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await run.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s.");
        }
        return new ProcessResult(run.ExitCode, await stdout, await stderr);
    }

    /// <summary>Kills the process tree without warning (SIGKILL on Linux): no shutdown, no flushing, no checkpoint.</summary>
    public void Kill()
    {
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
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreeLoopbackPort()
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

    /// <summary>
    /// Polls <paramref name="url"/> until it answers 200. Polling a real external process is the only way to know
    /// it is ready; the short pause between attempts only spares the CPU (and keeps the bench's start-up time to ~10 ms), and the timeout bounds the wait.
    /// </summary>
    public static async Task WaitForOkAsync(Uri url, Process? process, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(timeout);
        var last = "no answer yet";
        while (!deadline.IsCancellationRequested)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"the process exited with code {process.ExitCode} (last: {last})");
            }
            try
            {
                using var response = await http.GetAsync(url, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"{url.AbsolutePath} answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            try
            {
                await Task.Delay(10, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0} s (last: {last})");
    }

    private static ProcessStartInfo StartInfo(string executable, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?> environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            // appsettings.json lives beside the Portal executable.
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in SteeringVariables)
        {
            start.Environment.Remove(name);
        }
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        return start;
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.Length > MaxLogChars)
            {
                log.Remove(KeptHeadChars, log.Length - MaxLogChars / 2);
            }
            log.Append(stream).Append(": ").AppendLine(line);
        }
    }
}

/// <summary>What a process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The last non-empty line of stdout (where <c>apikeys create</c> prints the key).</summary>
    public string LastLine => Stdout.TrimEnd().Split('\n').Last().Trim();

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
