namespace Portal.Features.Push;

/// <summary>What a push says and how it behaves on each platform.</summary>
public record PushContent
{
    public string? Title { get; init; }

    public string? Body { get; init; }

    public string? ImageUrl { get; init; }

    /// <summary>Sent as the data key <c>deep_link</c> for the app to open.</summary>
    public string? DeepLink { get; init; }

    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>high or normal.</summary>
    public string AndroidPriority { get; init; } = "high";

    public int? AndroidTtlSeconds { get; init; }

    public string? AndroidChannelId { get; init; }

    public string? Sound { get; init; } = "default";

    /// <summary>10 (immediately) or 5 (when convenient).</summary>
    public int ApnsPriority { get; init; } = 10;

    public int? Badge { get; init; }

    public bool MutableContent { get; init; }

    public string? AnalyticsLabel { get; init; }
}
