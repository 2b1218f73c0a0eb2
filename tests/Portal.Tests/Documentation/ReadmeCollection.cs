namespace Portal.Tests.Documentation;

/// <summary>
/// The README tests run <c>dotnet run</c> and <c>dotnet build</c>, which take MSBuild locks on the projects' obj
/// folders: one at a time, never beside each other. (Beside the other test classes they are safe: after the build
/// <c>dotnet test</c> did, <c>dotnet run</c>'s up-to-date check rewrites nothing in src/Portal/bin or obj; the bench
/// builds the Release configuration, which no other test uses.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection
{
    public const string Name = "README commands";
}
