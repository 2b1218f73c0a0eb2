namespace Portal.Features.Push;

/// <summary>A push as the member's history shows it: when it went out, to how many of their devices, and the app's reports.</summary>
public record MemberMessage(string MessageId, string? Title, string? Body, DateTime SentAt, int Tokens, int Accepted, DateTime? DeliveredAt, DateTime? OpenedAt);
