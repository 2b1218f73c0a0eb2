namespace Portal.Features.Members;

/// <summary>
/// Placewise "Public Info": the little a client may learn about a member before they sign in, enough to greet
/// them and offer the right sign-in (password or one-time code). Nothing that reaches the member (e-mail, mobile
/// number), identifies them further (last name, birthday) or tells their choices (consents, channel statuses).
/// </summary>
public record MemberPublicInfo(long Id, long PersonId, string? FirstName, bool HasPassword);
