namespace Portal.Cli;

/// <summary>An option a CLI verb accepts: <c>--name value</c>, or a bare <c>--name</c> when it is a flag.</summary>
public record CliOption(string Name, bool Required = false, bool IsFlag = false, bool Repeatable = false);
