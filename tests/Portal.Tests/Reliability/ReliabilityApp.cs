using Portal.Testing;

namespace Portal.Tests.Reliability;

/// <summary>
/// The built Portal executable as a child process on a given SQLite file or test database (<see cref="PortalProcess"/>, shared with
/// Portal.E2E and the bench). A real process is what a crash test needs: <see cref="PortalProcess.Kill"/> is SIGKILL
/// on Linux, which no in-process host can imitate.
/// </summary>
public static class ReliabilityApp
{
    public static string Executable => PortalBuild.Executable;

    /// <summary>Starts Portal on <paramref name="databasePath"/> and waits until /health answers 200.</summary>
    public static Task<PortalProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string?>? extraEnvironment = null) =>
        PortalProcess.StartAsync(Executable, [], Environment(databasePath, extraEnvironment));

    /// <summary>Starts Portal on <paramref name="database"/>, either engine, and waits until /health answers 200.</summary>
    public static Task<PortalProcess> StartAsync(TestDatabase database) =>
        PortalProcess.StartAsync(Executable, [], Environment(database));

    /// <summary>Runs a CLI verb as its own process against <paramref name="databasePath"/>.</summary>
    public static Task<ProcessResult> RunCliAsync(string databasePath, params string[] args) =>
        PortalProcess.RunToExitAsync(Executable, args, Environment(databasePath, null));

    public static HttpClient CreateClient(this PortalProcess app) => new() { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    private static Dictionary<string, string?> Environment(TestDatabase database)
    {
        var environment = Environment(database.FilePath, null);
        // The database's own settings (engine and connection string), as environment variables.
        foreach (var (key, value) in database.Settings)
        {
            environment[key.Replace(":", "__")] = value;
        }
        return environment;
    }

    private static Dictionary<string, string?> Environment(string databasePath, IReadOnlyDictionary<string, string?>? extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Portal"] = $"Data Source={databasePath}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__SeedDemoData"] = "false",
            ["Portal__ValidateServices"] = "true",
            // The load comes from one API key and one address; the limits are for the internet, not for this test.
            ["RateLimits__ApiPerMemberTokenPerMinute"] = "1000000",
            ["RateLimits__ApiPerClientAddressPerMinute"] = "1000000",
            ["RateLimits__ApiPerAddressPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        return environment;
    }
}
