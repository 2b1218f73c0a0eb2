using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Portal.Features.ApiKeys;
using Portal.Features.Members;
using Portal.Features.Placewise;
using Portal.OpenApi;

namespace Portal.Features.Devices;

/// <summary>Masivo storefront API: trade an API key for a bearer token, and register a customer's device.</summary>
[Produces("application/json")]
[Tags("Masivo storefront")]
public class MasivoStorefrontController(StorefrontTokenService tokens, DeviceTokenService devices, MemberService members, MemberQueryService memberQueries, TimeProvider clock) : ControllerBase
{
    /// <summary>Authorize: trade the <c>x-api-key</c> header (a club API key with permit <c>Portal:Storefront:Devices</c>) for a one-hour bearer token.</summary>
    [HttpGet("/api/storefront/v1/auth/authorize")]
    [HttpGet("/auth/authorize")]
    [MasivoApiKey(ApiPermits.StorefrontDevices)]
    [ProducesResponseType(typeof(MasivoAuthorizeResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(MasivoError), StatusCodes.Status401Unauthorized)]
    public IActionResult Authorize()
    {
        var key = HttpContext.ApiCaller().Key!;
        return Ok(new MasivoAuthorizeResponse(tokens.Issue(key), "Bearer", (int)StorefrontTokenService.Lifetime.TotalSeconds));
    }

    /// <summary>Update customer devices.</summary>
    /// <remarks>
    /// <c>Authorization: Bearer</c> with a token from Authorize, or the club API key itself. <c>{id}</c> is the
    /// customer's external id in the club's own system, or else the member id. Body <c>device_token</c> (required)
    /// and <c>device_info</c> {<c>platform</c> android|ios|web, <c>model</c>, <c>osVersion</c>}, optional as in the seed:
    /// a token Portal already holds may come alone and keeps what it had. Portal is stricter for a token it has not
    /// seen: without <c>device_info.platform</c> it cannot be pushed to, so that answers 422. Validation details name
    /// fields by their path in the body (<c>device_token</c>, <c>device_info.platform</c>, <c>device_info.model</c>,
    /// <c>device_info.osVersion</c>). Answers the customer and their wallet; Portal manages no rewards, so the
    /// wallet's <c>lines</c> and <c>totals</c> are empty. Errors are <c>{"error": "...", "details": {...}}</c>.
    /// </remarks>
    [HttpPatch("/api/storefront/v1/customers/{id}/devices")]
    [MasivoBearer(ApiPermits.StorefrontDevices)]
    [JsonRequestBody(typeof(MasivoDevicesRequest))]
    [ProducesResponseType(typeof(MasivoCustomerResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(MasivoError), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(MasivoError), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(MasivoError), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(MasivoError), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> UpdateDevices(string id, CancellationToken ct)
    {
        var clubId = HttpContext.ApiCaller().ClubId;
        var memberId = await memberQueries.FindByCustomerIdAsync(clubId, id, ct);
        if (memberId is null)
        {
            return Error(StatusCodes.Status404NotFound, "Customer not found");
        }

        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The body is not a JSON object");
        }
        var info = body.Object("device_info") ?? [];
        var typeErrors = new Dictionary<string, IReadOnlyList<string>>(body.Errors);
        var registration = new DeviceRegistration(
            body.String("device_token", 100_000),
            InfoString(info, "platform", typeErrors)?.ToLowerInvariant(),
            DeviceModel: InfoString(info, "model", typeErrors),
            OsVersion: InfoString(info, "osVersion", typeErrors));
        var errors = typeErrors.Count > 0
            ? typeErrors
            : DeviceTokenRules.Check(registration, DeviceTokenRules.Platforms, platformField: "device_info.platform", tokenField: "device_token", platformRequired: false);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        switch (await devices.RegisterAsync(clubId, memberId.Value, registration, ct))
        {
            case null:
                return Error(StatusCodes.Status404NotFound, "Customer not found");
            case RegistrationOutcome.PlatformMissing:
                return Invalid(new Dictionary<string, IReadOnlyList<string>> { ["device_info.platform"] = [Schema.PropertyErrorCodes.Presence] });
        }
        var member = (await members.FindAsync(clubId, memberId.Value, ct))!;
        return Ok(new MasivoCustomerResponse(new MasivoCustomerData(MasivoCustomer.From(member, id, clock), Wallet(member, id))));
    }

    /// <summary>A string field of <c>device_info</c>; any other JSON type is an <c>invalid_string</c> error, not its JSON text.</summary>
    private static string? InfoString(System.Text.Json.Nodes.JsonObject info, string name, Dictionary<string, IReadOnlyList<string>> errors)
    {
        var value = info[name];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors[$"device_info.{name}"] = [Schema.PropertyErrorCodes.InvalidString];
            return null;
        }
        return value.GetValue<string>();
    }

    // The shared rules name device fields bare (model, osVersion); the seed's body nests them under device_info.
    private static ObjectResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(new MasivoError("The request body is not valid", errors.ToDictionary(
            e => e.Key.StartsWith("device_", StringComparison.Ordinal) ? e.Key : $"device_info.{e.Key}", e => e.Value)))
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
        };

    private static MasivoWallet Wallet(MemberView member, string id) =>
        new($"wallet-{member.Id.ToString(CultureInfo.InvariantCulture)}", id, [], []);

    private static ObjectResult Error(int status, string message) => MasivoError.Result(status, message);
}
