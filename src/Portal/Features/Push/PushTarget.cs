namespace Portal.Features.Push;

/// <summary>
/// Who a test push goes to: some members (all their active tokens), saved test devices, and/or a pasted token
/// with its project.
/// </summary>
public record PushTarget(IReadOnlyList<long> MemberIds, string? RawToken = null, string? RawTokenProject = null, string? RawTokenPlatform = null)
{
    public IReadOnlyList<int> TestDeviceIds { get; init; } = [];

    public string Describe()
    {
        var parts = new List<string>();
        if (MemberIds.Count > 0)
        {
            parts.Add(MemberIds.Count == 1 ? $"member {MemberIds[0]}" : $"{MemberIds.Count} members");
        }
        if (TestDeviceIds.Count > 0)
        {
            parts.Add(TestDeviceIds.Count == 1 ? "a test device" : $"{TestDeviceIds.Count} test devices");
        }
        if (RawToken is not null)
        {
            parts.Add("a pasted token");
        }
        return parts.Count == 0 ? "nobody" : string.Join(" and ", parts);
    }
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
