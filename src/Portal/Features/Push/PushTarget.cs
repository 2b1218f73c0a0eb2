namespace Portal.Features.Push;

/// <summary>Who a test push goes to: some members (all their active tokens) and/or a pasted token with its project.</summary>
public record PushTarget(IReadOnlyList<long> MemberIds, string? RawToken = null, string? RawTokenProject = null, string? RawTokenPlatform = null)
{
    public string Describe() => (MemberIds.Count, RawToken) switch
    {
        (0, not null) => "pasted token",
        (1, null) => $"member {MemberIds[0]}",
        (var n, null) => $"{n} members",
        (var n, not null) => $"{n} member(s) and a pasted token",
    };
}

/// <summary>One token a send will reach.</summary>
public record PushRecipient(string Token, string? Platform, string? ProjectSlug, long? MemberId, long? DeviceTokenId);

/// <summary>What a send would hit: the tokens, per project, and the projects Portal has no key for.</summary>
public record PushPlan(IReadOnlyList<PushRecipient> Recipients, IReadOnlyDictionary<string, int> TokensPerProject, IReadOnlyList<string> ProjectsWithoutCredentials)
{
    public const string NoProject = "(no project)";
}

/// <summary>How a send ended, for the results table.</summary>
public record PushSendOutcome(long SendId, string MessageId, IReadOnlyList<PushDeliveryResult> Results);

public record PushDeliveryResult(string Token, string? Platform, string? ProjectSlug, long? MemberId, bool Success, string? FcmMessageName, string? ErrorCode, string? ErrorMessage, int Attempts)
{
    public string TokenTail => Token.Length <= 10 ? Token : $"…{Token[^10..]}";

    public string Explanation => Success ? "Accepted by Firebase." : FcmErrorCodes.Explain(ErrorCode) + (ErrorMessage is null ? "" : $" ({ErrorMessage})");
}
