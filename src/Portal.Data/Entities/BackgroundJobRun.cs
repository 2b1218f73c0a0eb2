namespace Portal.Data.Entities;

/// <summary>
/// When a periodic job last started, on any instance: the lease that lets one of several instances sharing the
/// database run it while the others skip that round.
/// </summary>
public class BackgroundJobRun
{
    public const int NameLength = 64;

    public string Name { get; set; } = "";

    public DateTime StartedAt { get; set; }
}
