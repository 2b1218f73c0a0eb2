using Microsoft.AspNetCore.Mvc;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;

namespace Portal.Features.Members;

/// <summary>
/// Placewise "Public Info" and "Person ID" (seed 000's navigation, Member → Profile), by id, msisdn or e-mail, with a
/// client token. The seed's pages lost their paths and bodies: the paths are Portal's names beside Show Member's
/// (<c>/members/{id}</c>, <c>/members/by_msisdn/{msisdn}</c>, <c>/members/by_email/{email}</c>) and they answer a
/// member of the club in the path only, 404 <c>{"error":"Member not found"}</c> otherwise, as Show Member does.
/// </summary>
[Route("v3/{loyalty_club_slug}/members")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewisePublicInfoController(MemberQueryService members) : ControllerBase
{
    /// <summary>Show Member Public Info.</summary>
    /// <remarks>
    /// Client token with permit <c>BL:Api:Members:PublicInfo:Show</c>. Answers <c>{"id", "person_id", "first_name",
    /// "has_password"}</c> (Portal's names; the seed's page lost its body): enough to greet a member and offer the right
    /// sign-in, and nothing more (no e-mail, msisdn, last name, birthday, consents or statuses). 404 for no such member.
    /// </remarks>
    [HttpGet("{id:long}/public_info")]
    [PlacewiseClient(ApiPermits.MembersPublicInfo)]
    [ProducesResponseType(typeof(PlacewisePublicInfoDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPublicInfo(long id, CancellationToken ct) =>
        PublicInfoAsync(MemberIdentifier.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    /// <summary>Show Member Public Info by MSISDN.</summary>
    /// <remarks>As Show Member Public Info; the msisdn is normalised to E.164 digits before an exact match.</remarks>
    [HttpGet("by_msisdn/{msisdn}/public_info")]
    [PlacewiseClient(ApiPermits.MembersPublicInfo)]
    [ProducesResponseType(typeof(PlacewisePublicInfoDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPublicInfoByMsisdn(string msisdn, CancellationToken ct) => PublicInfoAsync(MemberIdentifier.Msisdn, msisdn, ct);

    /// <summary>Show Member Public Info by Email.</summary>
    /// <remarks>As Show Member Public Info; the e-mail is lower-cased and trimmed before an exact match.</remarks>
    [HttpGet("by_email/{email}/public_info")]
    [PlacewiseClient(ApiPermits.MembersPublicInfo)]
    [ProducesResponseType(typeof(PlacewisePublicInfoDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPublicInfoByEmail(string email, CancellationToken ct) => PublicInfoAsync(MemberIdentifier.Email, email, ct);

    /// <summary>Show Member Person ID.</summary>
    /// <remarks>Client token with permit <c>BL:Api:Members:PersonId:Show</c>. Answers <c>{"person_id": 42}</c>; Portal keeps one person per member, so it equals the member id.</remarks>
    [HttpGet("{id:long}/person_id")]
    [PlacewiseClient(ApiPermits.MembersPersonId)]
    [ProducesResponseType(typeof(PlacewisePersonIdDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPersonId(long id, CancellationToken ct) =>
        PersonIdAsync(MemberIdentifier.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    /// <summary>Show Member Person ID by MSISDN.</summary>
    /// <remarks>As Show Member Person ID; the msisdn is normalised to E.164 digits before an exact match.</remarks>
    [HttpGet("by_msisdn/{msisdn}/person_id")]
    [PlacewiseClient(ApiPermits.MembersPersonId)]
    [ProducesResponseType(typeof(PlacewisePersonIdDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPersonIdByMsisdn(string msisdn, CancellationToken ct) => PersonIdAsync(MemberIdentifier.Msisdn, msisdn, ct);

    /// <summary>Show Member Person ID by Email.</summary>
    /// <remarks>As Show Member Person ID; the e-mail is lower-cased and trimmed before an exact match.</remarks>
    [HttpGet("by_email/{email}/person_id")]
    [PlacewiseClient(ApiPermits.MembersPersonId)]
    [ProducesResponseType(typeof(PlacewisePersonIdDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowPersonIdByEmail(string email, CancellationToken ct) => PersonIdAsync(MemberIdentifier.Email, email, ct);

    private async Task<IActionResult> PublicInfoAsync(string identifierType, string identifier, CancellationToken ct)
    {
        var club = PlacewiseClient.From(HttpContext).Club;
        return await members.FindPublicInfoAsync(club.Id, identifierType, identifier, ct) is { } info
            ? Ok(PlacewisePublicInfoDocument.From(info))
            : MemberNotFound();
    }

    private async Task<IActionResult> PersonIdAsync(string identifierType, string identifier, CancellationToken ct)
    {
        var club = PlacewiseClient.From(HttpContext).Club;
        return await members.FindPersonIdAsync(club.Id, identifierType, identifier, ct) is { } personId
            ? Ok(new PlacewisePersonIdDocument(personId))
            : MemberNotFound();
    }

    // The same answer as Show Member's, so a client cannot tell these endpoints apart by their refusals.
    private static ObjectResult MemberNotFound() => PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found");
}
