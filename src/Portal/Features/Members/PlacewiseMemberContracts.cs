using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portal.Features.Placewise;

namespace Portal.Features.Members;

// For the OpenAPI document; the endpoints build their JSON by hand (see Features/Placewise/PlacewiseContracts.cs).

/// <summary>The member JSON of Placewise's "Create Member" example, plus Portal's additions <c>account_id</c> (applet
/// memberships belong to it), <c>email_verified</c> and <c>msisdn_verified</c> (Verify Email / Verify MSISDN done for the current address).</summary>
public record PlacewiseMemberDocument(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("properties")] Dictionary<string, JsonNode> Properties,
    [property: JsonPropertyName("consents")] Dictionary<string, PlacewiseConsentDocument> Consents,
    [property: JsonPropertyName("sms_status")] string SmsStatus,
    [property: JsonPropertyName("email_status")] string EmailStatus,
    [property: JsonPropertyName("push_status")] string PushStatus,
    [property: JsonPropertyName("optin_channel")] string? OptinChannel,
    [property: JsonPropertyName("optin_subchannel")] string? OptinSubchannel,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("banned_until")] string? BannedUntil,
    [property: JsonPropertyName("person_id")] long PersonId,
    [property: JsonPropertyName("has_password")] bool HasPassword,
    [property: JsonPropertyName("subunit_ids")] long[] SubunitIds,
    [property: JsonPropertyName("has_push_token")] bool HasPushToken,
    [property: JsonPropertyName("social_logins")] JsonNode[] SocialLogins,
    [property: JsonPropertyName("favorite_stores")] long[] FavoriteStores,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("email_verified")] bool EmailVerified,
    [property: JsonPropertyName("msisdn_verified")] bool MsisdnVerified);

public record PlacewiseConsentDocument(
    [property: JsonPropertyName("status")] bool Status,
    [property: JsonPropertyName("updated_at")] string UpdatedAt);

/// <summary>Body of Create Member. Consents: <c>{"key": true}</c> or <c>{"key": {"status": true}}</c>.</summary>
public record PlacewiseCreateMemberRequest(
    [property: JsonPropertyName("properties")] Dictionary<string, JsonNode> Properties,
    [property: JsonPropertyName("consents")] Dictionary<string, JsonNode>? Consents,
    [property: JsonPropertyName("send_sms_welcome_message")] bool? SendSmsWelcomeMessage,
    [property: JsonPropertyName("send_email_welcome_message")] bool? SendEmailWelcomeMessage,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("registration_password")] string? RegistrationPassword,
    [property: JsonPropertyName("ignore_required_properties")] bool? IgnoreRequiredProperties,
    [property: JsonPropertyName("external_token")] string? ExternalToken,
    [property: JsonPropertyName("external_token_type")] string? ExternalTokenType,
    [property: JsonPropertyName("favorite_stores")] long[]? FavoriteStores,
    [property: JsonPropertyName("sms_enabled")] bool? SmsEnabled,
    [property: JsonPropertyName("email_enabled")] bool? EmailEnabled,
    [property: JsonPropertyName("push_enabled")] bool? PushEnabled);

/// <summary>Body of Update Member: every field optional; a property sent as null is removed.</summary>
public record PlacewiseUpdateMemberRequest(
    [property: JsonPropertyName("properties")] Dictionary<string, JsonNode?>? Properties,
    [property: JsonPropertyName("consents")] Dictionary<string, JsonNode>? Consents,
    [property: JsonPropertyName("ignore_required_properties")] bool? IgnoreRequiredProperties,
    [property: JsonPropertyName("sms_enabled")] bool? SmsEnabled,
    [property: JsonPropertyName("email_enabled")] bool? EmailEnabled,
    [property: JsonPropertyName("push_enabled")] bool? PushEnabled);

/// <summary>Body of Validate Member.</summary>
public record PlacewiseValidateMemberRequest(
    [property: JsonPropertyName("properties")] Dictionary<string, JsonNode>? Properties,
    [property: JsonPropertyName("consents")] Dictionary<string, JsonNode>? Consents);

public record PlacewiseValidateMemberResponse(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("errors")] Dictionary<string, PlacewiseFieldError[]> Errors);

public record PlacewiseMemberListDocument(
    [property: JsonPropertyName("members")] PlacewiseMemberDocument[] Members,
    [property: JsonPropertyName("pagination_info")] PlacewisePaginationInfo PaginationInfo);

public record PlacewisePaginationInfo(
    [property: JsonPropertyName("total_count")] int TotalCount,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("current_page")] int CurrentPage,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("prev_page")] int? PrevPage,
    [property: JsonPropertyName("is_first_page")] bool IsFirstPage,
    [property: JsonPropertyName("is_last_page")] bool IsLastPage,
    [property: JsonPropertyName("is_out_of_range")] bool IsOutOfRange);
