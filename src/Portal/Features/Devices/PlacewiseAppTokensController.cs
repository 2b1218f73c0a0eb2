using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;
using Portal.OpenApi;

namespace Portal.Features.Devices;

/// <summary>Placewise "Register Member App Token" (seed document 000).</summary>
[Route("v3/{loyalty_club_slug}/members")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewiseAppTokensController(DeviceTokenService devices) : ControllerBase
{
    private static readonly IReadOnlyList<string> PlacewisePlatforms = ["ios", "android"];

    /// <summary>Register Member App Token.</summary>
    /// <remarks>
    /// Client token with the permit BL:Api:Members:AppTokens:CreateOrUpdate (<c>X-Client-Authorization</c>) and
    /// member token, as the seed's page sends both. The path names the member as <c>me</c> or by <c>member_id</c>; a
    /// member token acts only for its own member, so another id answers 404 like an unknown member. Body <c>token</c>, <c>platform</c> (ios, android), <c>app_installation_id</c> (a random id the app
    /// keeps per installation: the same installation replaces its previous token), <c>firebase_project_slug</c>.
    /// A token registered to another member moves to this one; the same token again only refreshes its last-seen
    /// time. Answers 200 <c>{}</c>; 422 for invalid parameters; 404 when the member is gone.
    /// </remarks>
    [HttpPost("me/app_tokens")]
    [HttpPost("{member_id:long}/app_tokens")]
    [PlacewiseClientAndMember(ApiPermits.MembersAppTokens)]
    [JsonRequestBody(typeof(PlacewiseAppTokenRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RegisterAppToken([FromRoute(Name = "member_id")] long? memberId, CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        if (memberId is { } id && id != me.MemberId)
        {
            return MemberNotFound();
        }
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var registration = new DeviceRegistration(
            body.String("token", 100_000),
            body.String("platform", 100),
            body.String("app_installation_id", 100_000),
            body.String("firebase_project_slug", 100_000));
        var errors = body.Errors.Count > 0 ? body.Errors : DeviceTokenRules.Check(registration, PlacewisePlatforms);
        if (errors.Count > 0)
        {
            return PlacewiseErrors.Validation(errors);
        }
        return await devices.RegisterAsync(me.Club.Id, me.MemberId, registration, ct) is null
            ? MemberNotFound()
            : Ok(new { });
    }

    // The seed's only answer for a member the call cannot act for: another member's id is not revealed to exist.
    private static ObjectResult MemberNotFound() => PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member with given identifier could not be found");
}

public record PlacewiseAppTokenRequest(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("app_installation_id")] string AppInstallationId,
    [property: JsonPropertyName("firebase_project_slug")] string? FirebaseProjectSlug);
