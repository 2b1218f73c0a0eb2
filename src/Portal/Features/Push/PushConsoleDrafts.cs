using Portal.Features.Members;

namespace Portal.Features.Push;

/// <summary>What the push console's targets form holds, turned into a <see cref="PushTarget"/> for the service.</summary>
public sealed class PushTargetDraft
{
    public IReadOnlyList<MemberPick> Members { get; set; } = [];

    public IReadOnlyCollection<int> TestDeviceIds { get; set; } = [];

    public string? RawToken { get; set; }

    public string? RawProject { get; set; }

    public string? TestDeviceLabel { get; set; }

    public PushTarget ToTarget() =>
        new(Members.Select(m => m.Id).ToList(), string.IsNullOrWhiteSpace(RawToken) ? null : RawToken.Trim(), RawProject)
        {
            TestDeviceIds = TestDeviceIds.ToList(),
        };
}

/// <summary>What the push console's composer holds, turned into <see cref="PushContent"/> for the service.</summary>
public sealed class PushDraft
{
    public static readonly IReadOnlyList<string> Priorities = ["high", "normal"];

    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? ImageUrl { get; set; }
    public string? DeepLink { get; set; }

    /// <summary>Custom data, one key=value a line.</summary>
    public string? DataText { get; set; }

    public string AndroidPriority { get; set; } = "high";
    public string? AndroidChannel { get; set; }
    public int? TtlSeconds { get; set; }
    public string? Sound { get; set; } = "default";
    public int? Badge { get; set; }
    public bool MutableContent { get; set; }
    public string? AnalyticsLabel { get; set; }

    /// <summary>The content, or null with the error under "data" when a data line is not key=value.</summary>
    public PushContent? ToContent(IDictionary<string, string> errors)
    {
        var data = new Dictionary<string, string>();
        foreach (var line in (DataText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                errors["data"] = $"\"{line}\" is not key=value.";
                return null;
            }
            data[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return new PushContent
        {
            Title = Title, Body = Body, ImageUrl = ImageUrl, DeepLink = DeepLink, Data = data, AndroidPriority = AndroidPriority, AndroidChannelId = AndroidChannel,
            AndroidTtlSeconds = TtlSeconds, Sound = Sound, Badge = Badge, MutableContent = MutableContent, AnalyticsLabel = AnalyticsLabel,
        };
    }

    public void Fill(PushContent content)
    {
        (Title, Body, ImageUrl, DeepLink) = (content.Title, content.Body, content.ImageUrl, content.DeepLink);
        DataText = string.Join("\n", content.Data.Select(d => $"{d.Key}={d.Value}"));
        (AndroidPriority, AndroidChannel, TtlSeconds, Sound, Badge, MutableContent, AnalyticsLabel) =
            (content.AndroidPriority, content.AndroidChannelId, content.AndroidTtlSeconds, content.Sound, content.Badge, content.MutableContent, content.AnalyticsLabel);
    }
}
