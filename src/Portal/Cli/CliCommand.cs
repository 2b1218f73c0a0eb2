namespace Portal.Cli;

/// <summary>One verb of the operations CLI, e.g. <c>clubs create</c>.</summary>
public abstract class CliCommand
{
    /// <summary>The words that select this command, e.g. <c>clubs create</c>.</summary>
    public abstract string Verb { get; }

    /// <summary>The synopsis after the verb, e.g. <c>--slug S --name N</c>.</summary>
    public abstract string Synopsis { get; }

    public abstract IReadOnlyList<CliOption> Options { get; }

    /// <summary>Whether the command needs the schema up to date before it runs.</summary>
    public virtual bool NeedsMigratedDatabase => true;

    /// <summary>Runs the command; returns the exit code. Results go to <paramref name="stdout"/>, notes to <paramref name="stderr"/>.</summary>
    public abstract Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct);

    public string Usage => $"Portal {Verb} {Synopsis}".TrimEnd();

    /// <summary>The operator running the command, as the actor of the use cases it calls (named by the OS user).</summary>
    protected static Features.Audit.Actor Operator => Features.Audit.Actor.Cli(Environment.UserName);
}
