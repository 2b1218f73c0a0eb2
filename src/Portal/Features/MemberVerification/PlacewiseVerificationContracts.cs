using System.Text.Json.Serialization;

namespace Portal.Features.MemberVerification;

// For the OpenAPI document; the endpoints build their JSON by hand (see Features/Placewise/PlacewiseContracts.cs).

/// <summary>Body of Verify Email and Verify MSISDN: the code sent by Send Verification Email / SMS.</summary>
public record PlacewiseVerifyRequest([property: JsonPropertyName("code")] string Code);
