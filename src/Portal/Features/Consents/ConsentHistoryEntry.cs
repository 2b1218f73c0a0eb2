namespace Portal.Features.Consents;

/// <summary>One consent change as the member page shows it.</summary>
public record ConsentHistoryEntry(string Key, string Title, int Version, bool? OldStatus, bool NewStatus, DateTime ChangedAt,
    string Channel, string? ClientName, string ActorType, string? ActorName)
{
    /// <summary>An answer in words: given, refused or never answered.</summary>
    public static string Describe(bool? status) => status switch { true => "given", false => "refused", null => "never answered" };

    public string Through => ClientName is null ? Channel : $"{Channel} ({ClientName})";

    public string By => ActorType switch
    {
        "member" => "the member",
        "admin" => $"admin {ActorName}",
        "api_key" => $"API key {ActorName}",
        _ => ActorName ?? ActorType,
    };
}
