using System.Reflection;

namespace Portal.Tests;

/// <summary>Paths fixed at build time (see Portal.Tests.csproj), so tests do not depend on the working directory.</summary>
public static class PortalBuild
{
    /// <summary>The built Portal executable of this configuration.</summary>
    public static string Executable => Metadata("PortalExecutable");

    /// <summary>The repository root, with a trailing separator.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Metadata(string key) =>
        typeof(PortalBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
