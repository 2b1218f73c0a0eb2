using System.Text.Json.Serialization;

namespace Portal.Features.MemberPasswords;

// For the OpenAPI document; the endpoints build their JSON by hand (see Features/Placewise/PlacewiseContracts.cs).

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
