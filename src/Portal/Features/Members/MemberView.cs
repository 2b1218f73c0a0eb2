using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;

namespace Portal.Features.Members;

/// <summary>A member as read for display or serialisation, with its current consent answers.</summary>
public record MemberView(
    long Id, int ClubId, JsonObject Properties, IReadOnlyDictionary<string, MemberConsentView> Consents,
    string SmsStatus, string EmailStatus, string PushStatus, string? OptinChannel, string? OptinSubchannel,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? BannedUntil, bool HasPassword, IReadOnlyList<long> FavoriteStores, int Version,
    bool HasPushToken, string? ExternalCustomerId, string AccountId, bool TestAccount)
{
    /// <summary>When the member proved their e-mail address with a code; null when unproven or changed since.</summary>
    public DateTime? EmailVerifiedAt { get; init; }

    /// <summary>When the member proved their mobile number with a code; null when unproven or changed since.</summary>
    public DateTime? MsisdnVerifiedAt { get; init; }

    /// <summary>When the password was last set; null when the member has none (or it predates the record).</summary>
    public DateTime? PasswordChangedAt { get; init; }

    /// <summary>First and last name, or null when the profile has neither.</summary>
    public string? Name => $"{Properties["first_name"]} {Properties["last_name"]}".Trim() is { Length: > 0 } name ? name : null;

    /// <summary>
    /// A member with an active push token whose push channel is not switched off. Push follows the devices:
    /// without an active token nothing can be delivered, whatever the member chose.
    /// </summary>
    public static MemberView From(Member member, bool hasPushToken) => From(member,
        member.Consents.Where(c => c.Definition is not null)
            .ToDictionary(c => c.Definition!.Key, c => new MemberConsentView(c.Status, c.UpdatedAt), StringComparer.Ordinal),
        hasPushToken);

    /// <summary>The member with its consent answers by consent key, read apart from it.</summary>
    public static MemberView From(Member member, IReadOnlyDictionary<string, MemberConsentView> consents, bool hasPushToken) => new(
        member.Id, member.ClubId,
        JsonNode.Parse(member.PropertiesJson)?.AsObject() ?? [],
        consents,
        member.SmsStatus, member.EmailStatus,
        hasPushToken && member.PushStatus == ChannelStatus.Enabled ? ChannelStatus.Enabled : ChannelStatus.Disabled,
        member.OptinChannel, member.OptinSubchannel,
        member.CreatedAt, member.UpdatedAt, member.BannedUntil, member.PasswordHash is not null,
        JsonSerializer.Deserialize<List<long>>(member.FavoriteStoresJson) ?? [], member.Version,
        hasPushToken, member.ExternalCustomerId, member.AccountId, member.TestAccount)
    {
        EmailVerifiedAt = member.EmailVerifiedAt,
        MsisdnVerifiedAt = member.MsisdnVerifiedAt,
        PasswordChangedAt = member.PasswordChangedAt,
    };
}

public record MemberConsentView(bool Status, DateTime UpdatedAt);
