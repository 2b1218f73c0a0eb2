using System.Text.Json.Nodes;

namespace Portal.Features.Members;

/// <summary>A partial update: only what is set changes. A property given as null is removed.</summary>
public record MemberChanges
{
    public JsonObject? Properties { get; init; }

    public JsonObject? Consents { get; init; }

    public bool? SmsEnabled { get; init; }

    public bool? EmailEnabled { get; init; }

    public bool? PushEnabled { get; init; }

    public bool IgnoreRequiredProperties { get; init; }

    /// <summary>null leaves it as it is; an empty string removes it.</summary>
    public string? ExternalCustomerId { get; init; }

    public bool? TestAccount { get; init; }

    /// <summary>The version the caller read; a different current version means someone else changed the member (409).</summary>
    public int? ExpectedVersion { get; init; }
}
