namespace Portal.Cli;

/// <summary>The command line itself is wrong (unknown verb or option, missing value). Exit code 2.</summary>
public class CliUsageException(string message) : Exception(message);
