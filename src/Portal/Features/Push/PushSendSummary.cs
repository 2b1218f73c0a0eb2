namespace Portal.Features.Push;

/// <summary>A line of the console's send history.</summary>
public record PushSendSummary(long Id, string MessageId, string? Title, string TargetDescription, bool ValidateOnly, string CreatedBy, DateTime CreatedAt,
    int Total, int Succeeded, int Failed);
