using Microsoft.AspNetCore.Mvc;
using Portal.Data.Entities;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;

namespace Portal.Features.Clubs;

/// <summary>
/// Placewise "Loyalty Club" pages of seed 000's navigation: Show Loyalty Club, List Loyalty Clubs and Show Legal
/// Information, with a client token. The seed's text has no paths or bodies for them; these are Portal's names, under
/// <c>/v3/{loyalty_club_slug}</c> like every Placewise endpoint here, so the client token is checked against the
/// club in the path the same way everywhere.
/// </summary>
[Route("v3/{loyalty_club_slug}")]
[Produces("application/json")]
[Tags("Placewise loyalty club")]
public class PlacewiseLoyaltyClubsController(LoyaltyClubQueryService clubs) : ControllerBase
{
    /// <summary>Show Loyalty Club.</summary>
    /// <remarks>Client token with permit <c>BL:Api:LoyaltyClubs:Show</c>. Answers <c>{"id", "slug", "name", "default_language", "time_zone"}</c>.</remarks>
    [HttpGet("loyalty_club")]
    [PlacewiseClient(ApiPermits.LoyaltyClubsShow)]
    [ProducesResponseType(typeof(PlacewiseLoyaltyClubDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public IActionResult ShowLoyaltyClub() =>
        // The authentication has read the club of the path (and proved the key is one of its keys).
        Ok(PlacewiseLoyaltyClubDocument.From(PlacewiseClient.From(HttpContext).Club));

    /// <summary>List Loyalty Clubs.</summary>
    /// <remarks>
    /// The clubs the client token can see. Client token with permit <c>BL:Api:LoyaltyClubs:List</c>. Answers <c>{"loyalty_clubs": [...]}</c>, each as Show
    /// Loyalty Club. A Portal API key belongs to exactly one club, so the list holds that one club: the one in the
    /// path (a key of another club is refused with 401 before this). Other clubs on the same server stay unnamed.
    /// </remarks>
    [HttpGet("loyalty_clubs")]
    [PlacewiseClient(ApiPermits.LoyaltyClubsList)]
    [ProducesResponseType(typeof(PlacewiseLoyaltyClubListDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ListLoyaltyClubs(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var visible = await clubs.ListVisibleToApiKeyAsync(client.Key.Id, ct);
        return Ok(new PlacewiseLoyaltyClubListDocument(visible.Select(PlacewiseLoyaltyClubDocument.From).ToList()));
    }

    /// <summary>Show Legal Information.</summary>
    /// <remarks>
    /// The current texts and versions of the club's terms and consents. Client token with permit <c>BL:Api:LegalInformation:Show</c>. Answers <c>{"terms": [...], "consents": [...]}</c>,
    /// each text <c>{"key", "title", "text", "version", "updated_at"}</c>: the definitions admins edit in Settings →
    /// Consents (kind "terms" or "consent"), active ones only. <c>version</c> is the one a member's answer records;
    /// <c>updated_at</c> (UTC) is when that version was written.
    /// </remarks>
    [HttpGet("legal_information")]
    [PlacewiseClient(ApiPermits.LegalInformationShow)]
    [ProducesResponseType(typeof(PlacewiseLegalInformationDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ShowLegalInformation(CancellationToken ct)
    {
        var texts = await clubs.LegalInformationAsync(PlacewiseClient.From(HttpContext).Club.Id, ct);
        return Ok(new PlacewiseLegalInformationDocument(
            texts.Where(t => t.Kind == ConsentKind.Terms).Select(PlacewiseLegalTextDocument.From).ToList(),
            texts.Where(t => t.Kind != ConsentKind.Terms).Select(PlacewiseLegalTextDocument.From).ToList()));
    }
}
