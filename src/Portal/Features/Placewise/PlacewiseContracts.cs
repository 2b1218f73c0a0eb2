using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Features.Placewise;

// The shapes of the Placewise endpoints, for the OpenAPI document. The endpoints build their JSON by hand
// (PlacewiseMemberJson, PlacewiseErrors) so the field order and names are exactly the seed's; these types
// describe the same shapes and a test compares the two.

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

/// <summary><c>{"error": "..."}</c>, the body of every Placewise error but 422.</summary>
public record PlacewiseErrorDocument([property: JsonPropertyName("error")] string Error);

/// <summary>The 467 body.</summary>
public record PlacewiseBannedDocument(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("banned_until")] string BannedUntil);

/// <summary>The 422 body: one array of errors per property key.</summary>
public class PlacewiseValidationDocument : Dictionary<string, PlacewiseFieldError[]>;

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

public record PlacewiseSchemaDocument(
    [property: JsonPropertyName("default_language")] string DefaultLanguage,
    [property: JsonPropertyName("properties")] PlacewiseSchemaProperty[] Properties,
    [property: JsonPropertyName("consents")] PlacewiseSchemaConsent[] Consents);

public record PlacewiseSchemaProperty(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("choices")] string[] Choices);

public record PlacewiseSchemaConsent(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("version")] int Version);

/// <summary>Body of Create Token (JSON or form).</summary>
public record PlacewiseTokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("identifier_type")] string? IdentifierType,
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);

public record PlacewiseTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("resource_owner_id")] long ResourceOwnerId);

public record PlacewiseTokenInfoResponse(
    [property: JsonPropertyName("resource_owner_id")] long ResourceOwnerId,
    [property: JsonPropertyName("scopes")] string[] Scopes,
    [property: JsonPropertyName("expires_in_seconds")] long ExpiresInSeconds,
    [property: JsonPropertyName("application")] PlacewiseApplication Application,
    [property: JsonPropertyName("created_at")] long CreatedAt);

public record PlacewiseApplication([property: JsonPropertyName("uid")] string? Uid);

public record PlacewiseRevokeRequest([property: JsonPropertyName("token")] string Token);

public record PlacewiseMsisdnRequest([property: JsonPropertyName("msisdn")] string Msisdn);

public record PlacewiseEmailRequest([property: JsonPropertyName("email")] string Email);

/// <summary>The empty object <c>{}</c> some endpoints answer.</summary>
public record PlacewiseEmptyDocument;

/// <summary>Body of Update Password.</summary>
public record PlacewiseUpdatePasswordRequest(
    [property: JsonPropertyName("current_password")] string? CurrentPassword,
    [property: JsonPropertyName("password")] string Password);

/// <summary>Body of Send Password Reset Token: <c>email</c> (sent by e-mail) or <c>msisdn</c> (sent by SMS).</summary>
public record PlacewiseSendPasswordResetTokenRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("msisdn")] string? Msisdn);

/// <summary>Body of Reset Password: the address the token was sent to, the token and the new password.</summary>
public record PlacewiseResetPasswordRequest(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("msisdn")] string? Msisdn,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("password")] string Password);

/// <summary>Body of Verify Email and Verify MSISDN: the code sent by Send Verification Email / SMS.</summary>
public record PlacewiseVerifyRequest([property: JsonPropertyName("code")] string Code);
