using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Bench;

/// <summary>
/// A server the harness runs as a child process on a free 127.0.0.1 port (the Portal executable, the ceiling, the
/// in-process Portal host), with its output kept for a failure report and the time from start to first 200 on a path.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public Uri BaseUrl { get; }

    public TimeSpan StartupTime { get; private set; }

    public int Id => process.Id;

    private ChildProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    public static async Task<ChildProcess> StartAsync(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, string readyPath)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var child = new ChildProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            child.StartupTime = await LoadDriver.WaitForOkAsync(new Uri(baseUrl, readyPath), process, TimeSpan.FromSeconds(120), clock);
        }
        catch (Exception e)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException($"{Path.GetFileName(executable)} did not start: {e.Message}\n--- output ---\n{child.Output}", e);
        }
        return child;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            // Keep the head and the last part only: a long run must not grow this without bound.
            if (output.Length > 200_000)
            {
                output.Remove(20_000, output.Length - 100_000);
            }
            output.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
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
            // Exited between the check and the kill.
        }
        process.Dispose();
        return ValueTask.CompletedTask;
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
