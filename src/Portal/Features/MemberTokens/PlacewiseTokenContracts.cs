using System.Text.Json.Serialization;

namespace Portal.Features.MemberTokens;

// For the OpenAPI document; the endpoints build their JSON by hand (see Features/Placewise/PlacewiseContracts.cs).

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
