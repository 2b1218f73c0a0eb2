using System.Reflection;

namespace Portal.E2E.Infrastructure;

/// <summary>
/// Paths fixed at build time by Portal.E2E.csproj (AssemblyMetadata attributes), so the tests find the app
/// and the source tree whatever the working directory of the test runner.
/// </summary>
public static class BuildPaths
{
    /// <summary>The Portal executable built for this configuration; <c>PORTAL_E2E_EXECUTABLE</c> overrides it.</summary>
    public static string PortalExecutable =>
        Environment.GetEnvironmentVariable("PORTAL_E2E_EXECUTABLE") is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Metadata("PortalExecutable");

    /// <summary>The repository root (holds Portal.sln and docs/).</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>tests/Portal.E2E in the source tree (not the build output).</summary>
    public static string ProjectDirectory => Metadata("E2EProjectDirectory");

    /// <summary>Where screenshots of failed tests go; git-ignored.</summary>
    public static string ArtifactsDirectory => Path.Combine(ProjectDirectory, "artifacts");

    /// <summary>Screenshots the documentation links to.</summary>
    public static string DocumentationScreenshotsDirectory => Path.Combine(RepositoryRoot, "docs", "screenshots");

    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; Portal.E2E.csproj should generate it.");
}
