using System.Diagnostics;
using System.Text;
using Portal.Testing;

namespace Portal.Tests.Documentation;

/// <summary>A documented command line run through <c>bash -c</c> from the repository root, as a reader pastes it.</summary>
public static class ShellCommand
{
    /// <summary>Runs <paramref name="script"/> to its end.</summary>
    public static async Task<ProcessResult> RunAsync(string script, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        await PortalProcess.RunToExitAsync("/bin/bash", ["-c", script], ReaderEnvironment(environment), PortalBuild.RepositoryRoot, timeout);

    /// <summary>Starts <paramref name="script"/> and leaves it running; its output goes to <paramref name="output"/>.</summary>
    public static Process Start(string script, IReadOnlyDictionary<string, string?> environment, StringBuilder output)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = PortalBuild.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in ReaderEnvironment(environment))
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
        var process = new Process { StartInfo = start };
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A reader's shell, not the test runner's: <c>dotnet test</c> hands its child processes MSBuild and SDK
    /// variables (MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...) that would steer a nested <c>dotnet run</c>, and
    /// ASPNETCORE_/DOTNET_ENVIRONMENT a developer may have set would override the launch profile.
    /// </summary>
    private static Dictionary<string, string?> ReaderEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        var result = new Dictionary<string, string?>();
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || name is "DOTNET_ENVIRONMENT" or "DOTNET_HOST_PATH" or "ConnectionStrings__Portal" || name.StartsWith("Portal__", StringComparison.Ordinal))
            {
                result[name] = null;
            }
        }
        // No MSBuild server or worker nodes left running after the test (they would outlive it and hold files).
        result["MSBUILDDISABLENODEREUSE"] = "1";
        result["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        result["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            result[key] = value;
        }
        return result;
    }
}
