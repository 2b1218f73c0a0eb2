using System.Reflection;

namespace Portal.Bench;

/// <summary>Paths fixed at build time (see the csproj), so the harness runs from any working directory.</summary>
public static class BuildPaths
{
    public static string PortalExecutable => Environment.GetEnvironmentVariable("PORTAL_BENCH_EXECUTABLE") is { Length: > 0 } configured ? configured : Metadata("PortalExecutable");

    public static string PortalOutputDirectory => Path.GetDirectoryName(PortalExecutable)!;

    public static string Configuration => Metadata("BuildConfiguration");

    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
