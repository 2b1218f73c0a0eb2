using Portal.Bench;

const string Usage = """
    Portal.Bench: measures Portal at club scale (see bench/README.md).

      seed     --db FILE --members N
      api      --db FILE --scenario register-token|create-member|list-memberships|show-member|register-token-during-create [--connections 32] [--duration 20] [--warmup 3]
               [--postgres CONNECTION_STRING] [--instances 1]
      full     --db FILE [--connections 32] [--duration 20] [--warmup 3] [--runs 3]
      compare  --db FILE --postgres CONNECTION_STRING [--connections 32] [--duration 10] [--warmup 2] [--runs 3] [--scenarios register-token,show-member,list-memberships]
      startup  --db FILE [--executable PATH] [--runs 5]
      queries  --db FILE [--runs 30] [--postgres CONNECTION_STRING]
      push     [--tokens 1000] [--latency-ms 20] [--runs 3]
      circuits --db FILE [--sessions 20] [--pages 5]
    """;

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new BenchArgs(args.Skip(1));
    return args[0] switch
    {
        "seed" => await SeedCommand.RunAsync(options),
        "api" => await ApiCommand.RunAsync(options),
        "full" => await FullCommand.RunAsync(options),
        "compare" => await CompareCommand.RunAsync(options),
        "startup" => await StartupCommand.RunAsync(options),
        "queries" => await QueriesCommand.RunAsync(options),
        "push" => await PushCommand.RunAsync(options),
        "circuits" => await CircuitsCommand.RunAsync(options),
        // Child processes the verbs start; not for people.
        CeilingServer.Verb => await CeilingServer.RunAsync(options),
        PortalInProcessHost.Verb => await PortalInProcessHost.RunAsync(options),
        _ => throw new BenchUsageException($"Unknown verb '{args[0]}'."),
    };
}
catch (BenchUsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
