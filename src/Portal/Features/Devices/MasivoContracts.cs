using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portal.Features.Members;

namespace Portal.Features.Devices;

// Masivo storefront shapes (seed document 002). Errors: {"error": "...", "details": {field: [codes]}}.

public record MasivoAuthorizeResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public record MasivoDevicesRequest(
    [property: JsonPropertyName("device_token")] string DeviceToken,
    [property: JsonPropertyName("device_info")] MasivoDeviceInfo? DeviceInfo);

public record MasivoDeviceInfo(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("osVersion")] string? OsVersion);

public record MasivoCustomerResponse([property: JsonPropertyName("data")] MasivoCustomerData Data);

public record MasivoCustomerData(
    [property: JsonPropertyName("customer")] MasivoCustomer Customer,
    [property: JsonPropertyName("wallet")] MasivoWallet Wallet);

public record MasivoCustomer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("gender")] string? Gender,
    [property: JsonPropertyName("dob")] string? Dob,
    [property: JsonPropertyName("registration_date")] string RegistrationDate,
    [property: JsonPropertyName("tier_id")] string? TierId,
    [property: JsonPropertyName("metrics")] JsonObject Metrics,
    [property: JsonPropertyName("metadata")] JsonObject Metadata)
{
    /// <summary>The member as seed 002's customer: a member banned now (the one ban rule, MemberBan) is INACTIVE.</summary>
    public static MasivoCustomer From(MemberView member, string id, TimeProvider clock)
    {
        var birthday = member.Properties["birthday"]?.ToString();
        return new MasivoCustomer(
            id,
            MemberBan.IsInForce(member.BannedUntil, clock) ? "INACTIVE" : "ACTIVE",
            member.Name,
            member.Properties["email"]?.ToString(),
            Gender: null,
            Dob: birthday is null ? null : $"{birthday}T00:00:00Z",
            // Seed 002 shows "registration_date": "2023-11-07T05:31:56Z": whole seconds, unlike Placewise's dates.
            RegistrationDate: DateTime.SpecifyKind(member.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            TierId: null,
            Metrics: [],
            Metadata: new JsonObject { ["portal_member_id"] = member.Id });
    }
}

/// <summary>Portal manages no rewards: the wallet is always empty.</summary>
public record MasivoWallet(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("owner_id")] string OwnerId,
    [property: JsonPropertyName("lines")] JsonArray Lines,
    [property: JsonPropertyName("totals")] JsonArray Totals);

public record MasivoError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, IReadOnlyList<string>>? Details = null)
{
    /// <summary>The answer with status <paramref name="status"/> and this body.</summary>
    public static Microsoft.AspNetCore.Mvc.ObjectResult Result(int status, string message) => new(new MasivoError(message)) { StatusCode = status };
}
