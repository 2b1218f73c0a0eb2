using System.Text.Json.Nodes;

namespace Portal.Features.Members;

/// <summary>What a new member is made from, whether it comes from the API, a page or an import.</summary>
public record MemberDraft
{
    public JsonObject Properties { get; init; } = [];

    /// <summary>Placewise consent input: <c>{"key": true}</c> or <c>{"key": {"status": true}}</c>.</summary>
    public JsonObject? Consents { get; init; }

    public bool IgnoreRequiredProperties { get; init; }

    public bool SmsEnabled { get; init; } = true;

    public bool EmailEnabled { get; init; } = true;

    public bool PushEnabled { get; init; } = true;

    public bool SendSmsWelcomeMessage { get; init; }

    public bool SendEmailWelcomeMessage { get; init; }

    public string? OptinChannel { get; init; }

    public string? OptinSubchannel { get; init; }

    /// <summary>The member's own password, already checked against the password rules.</summary>
    public string? Password { get; init; }

    public IReadOnlyList<long> FavoriteStores { get; init; } = [];

    /// <summary>The customer's id in the club's own system (Masivo's <c>customers/{id}</c>).</summary>
    public string? ExternalCustomerId { get; init; }

    /// <summary>A test account may join test applets.</summary>
    public bool TestAccount { get; init; }
}
