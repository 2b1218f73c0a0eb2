using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Portal.E2E.Infrastructure.ClassOrderTestFramework", "Portal.E2E")]
[assembly: TestCollectionOrderer("Portal.E2E.Infrastructure.ClassOrderTestFramework+CollectionOrderer", "Portal.E2E")]

namespace Portal.E2E.Infrastructure;

/// <summary>
/// xunit's own runner with one change: <c>PORTAL_E2E_ORDER</c> (<c>reverse</c>, <c>shuffle</c> or <c>shuffle:SEED</c>)
/// reorders the test collections and the test classes inside each collection, to show that no test depends on
/// another having run first. xunit 2 has no orderer for classes within a collection (all browser tests share one),
/// hence the small framework. The order used is written to artifacts/test-order.txt and to the diagnostic messages.
/// </summary>
public sealed class ClassOrderTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>The configured order: null keeps xunit's, else a function that reorders a list.</summary>
    private static readonly Lazy<(string Description, Func<IReadOnlyList<string>, IReadOnlyList<string>>? Reorder)> Order = new(() =>
    {
        var setting = Environment.GetEnvironmentVariable("PORTAL_E2E_ORDER")?.Trim() ?? "";
        if (setting is "" or "default")
        {
            return ("default", null);
        }
        if (setting == "reverse")
        {
            return ("reverse", names => names.Reverse().ToList());
        }
        if (setting == "shuffle" || setting.StartsWith("shuffle:", StringComparison.Ordinal))
        {
            var seed = setting == "shuffle" ? Random.Shared.Next() : int.Parse(setting["shuffle:".Length..]);
            return ($"shuffle:{seed}", names => names.OrderBy(n => n, StringComparer.Ordinal).ToArray().Shuffled(seed));
        }
        throw new InvalidOperationException($"PORTAL_E2E_ORDER={setting}: use reverse, shuffle or shuffle:SEED.");
    });

    private static IEnumerable<T> Apply<T>(IEnumerable<T> items, Func<T, string> name, string what)
    {
        var list = items.ToList();
        if (Order.Value.Reorder is not { } reorder)
        {
            return list;
        }
        var names = list.Select(name).Distinct().ToList();
        var ordered = reorder(names);
        Record($"{what} ({Order.Value.Description}): {string.Join(", ", ordered)}");
        return ordered.SelectMany(n => list.Where(item => name(item) == n)).ToList();
    }

    private static IMessageSink? diagnostics;
    private static int recorded;

    private static void Record(string line)
    {
        diagnostics?.OnMessage(new DiagnosticMessage(line));
        try
        {
            Directory.CreateDirectory(BuildPaths.ArtifactsDirectory);
            var file = Path.Combine(BuildPaths.ArtifactsDirectory, "test-order.txt");
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                File.WriteAllText(file, ""); // this run's order only
            }
            File.AppendAllText(file, line + Environment.NewLine);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Orders collections by the same setting.</summary>
    public sealed class CollectionOrderer : ITestCollectionOrderer
    {
        public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
            Apply(testCollections.OrderBy(c => c.DisplayName, StringComparer.Ordinal), c => c.DisplayName, "collections");
    }

    private sealed class Executor(AssemblyName name, ISourceInformationProvider source, IMessageSink diagnosticSink)
        : XunitTestFrameworkExecutor(name, source, diagnosticSink)
    {
        // xunit's own signature (async void): the runner reports completion through the message sink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            diagnostics = DiagnosticMessageSink;
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticSink,
        IMessageSink executionSink, ITestFrameworkExecutionOptions options)
        : XunitTestAssemblyRunner(assembly, testCases, diagnosticSink, executionSink, options)
    {
        protected override Task<RunSummary> RunTestCollectionAsync(IMessageBus messageBus, ITestCollection testCollection,
            IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource) =>
            // The collection runner runs classes in the order they first appear among its test cases.
            base.RunTestCollectionAsync(messageBus, testCollection,
                Apply(testCases.OrderBy(t => t.TestMethod.TestClass.Class.Name, StringComparer.Ordinal), t => t.TestMethod.TestClass.Class.Name, $"classes of '{testCollection.DisplayName}'"),
                cancellationTokenSource);
    }
}

internal static class ShuffleExtensions
{
    public static IReadOnlyList<T> Shuffled<T>(this T[] items, int seed)
    {
        new Random(seed).Shuffle(items);
        return items;
    }
}
