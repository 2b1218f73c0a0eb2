using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;
using Portal.OpenApi;

namespace Portal.Features.Applets;

/// <summary>Centrapay "Applet Memberships" (seed document 003), with <c>x-api-key</c> = a club API key.</summary>
[Produces("application/json")]
[Tags("Centrapay applet memberships")]
public class CentrapayAppletMembershipsController(AppletMembershipService memberships) : ControllerBase
{
    /// <summary>Create Applet Membership.</summary>
    /// <remarks>
    /// A key created for one account (<c>Portal apikeys create ... --account ID</c>) acts for that account and needs
    /// no body; a club-wide key names the account: <c>{"accountId": "..."}</c>. Joining again returns the existing
    /// membership, also with 200 (the call is idempotent). 403 <c>LOYALTY_PROGRAM_JOIN_CONDITIONS_NOT_MET</c> for an
    /// archived applet, or a test applet and a live account; 404 for an applet or account this key cannot see.
    /// </remarks>
    [HttpPost("/api/applets/{appletId}/applet-memberships")]
    [CentrapayApiKey(ApiPermits.AppletMemberships)]
    [JsonRequestBody(typeof(CentrapayCreateMembershipRequest), required: false)]
    [ProducesResponseType(typeof(CentrapayMembership), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Create(string appletId, CancellationToken ct)
    {
        var caller = HttpContext.ApiCaller();
        var key = caller.Key!;
        var clubId = caller.ClubId;
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The body is not a JSON object");
        }
        var requested = body.String("accountId", 64);
        if (body.Errors.Count > 0)
        {
            return Error(StatusCodes.Status400BadRequest, "accountId must be a string");
        }
        if (requested is not null && !caller.ActsFor(requested))
        {
            return Error(StatusCodes.Status403Forbidden, "This API key acts for another account");
        }
        var accountId = key.AccountId ?? requested;
        if (string.IsNullOrWhiteSpace(accountId))
        {
            return Error(StatusCodes.Status400BadRequest, "accountId is required for a key that is not tied to an account");
        }
        var (outcome, membership) = await memberships.JoinAsync(clubId, appletId, accountId, AppletMembershipService.ApiKeyCrn(key.Id), caller.Actor(HttpContext), ct);
        return outcome switch
        {
            JoinOutcome.Created or JoinOutcome.AlreadyMember => Ok(CentrapayMembership.From(membership!)),
            JoinOutcome.AppletNotFound => Error(StatusCodes.Status404NotFound, "APPLET_NOT_FOUND"),
            JoinOutcome.AccountNotFound => Error(StatusCodes.Status404NotFound, "ACCOUNT_NOT_FOUND"),
            // The scheme already matched the key to its club; a use case refuses only if that ever breaks.
            JoinOutcome.Refused => Error(StatusCodes.Status403Forbidden, "The API key may not do this"),
            _ => Error(StatusCodes.Status403Forbidden, "LOYALTY_PROGRAM_JOIN_CONDITIONS_NOT_MET"),
        };
    }

    /// <summary>List Applet Memberships of an account.</summary>
    /// <remarks>
    /// Oldest first, in pages: <c>paginationLimit</c> 1 to 100 (default 50); <c>nextPageKey</c> is opaque and absent on
    /// the last page; pass it back URL-encoded as <c>pageKey</c>. A page key that was altered, or that belongs to
    /// another account's list, is 400.
    /// </remarks>
    [HttpGet("/api/accounts/{accountId}/applet-memberships")]
    [CentrapayApiKey(ApiPermits.AppletMemberships, AccountRouteValue = "accountId")]
    [ProducesResponseType(typeof(CentrapayMembershipPage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> List(string accountId, [FromQuery] string? pageKey, [FromQuery] string? paginationLimit, CancellationToken ct)
    {
        var caller = HttpContext.ApiCaller();
        var clubId = caller.ClubId;
        var limit = AppletMembershipService.DefaultPageSize;
        if (paginationLimit is not null
            && (!paginationLimit.All(char.IsAsciiDigit) // int.TryParse ignores trailing NUL characters
                || !int.TryParse(paginationLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > AppletMembershipService.MaxPageSize))
        {
            return Error(StatusCodes.Status400BadRequest, $"paginationLimit must be a whole number from 1 to {AppletMembershipService.MaxPageSize}");
        }
        var (accountFound, page) = await memberships.ListAccountPageAsync(clubId, accountId, pageKey, limit, ct);
        if (!accountFound)
        {
            return Error(StatusCodes.Status404NotFound, "ACCOUNT_NOT_FOUND");
        }
        if (page is null)
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_PAGE_KEY");
        }
        return Ok(new CentrapayMembershipPage(page.Value.Items.Select(CentrapayMembership.From).ToList(), page.Value.NextPageKey));
    }

    /// <summary>Show one applet membership (Portal's own addition; Centrapay documents only create and list).</summary>
    [HttpGet("/api/applet-memberships/{membershipId}")]
    [CentrapayApiKey(ApiPermits.AppletMemberships)]
    [ProducesResponseType(typeof(CentrapayMembership), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Show(string membershipId, CancellationToken ct)
    {
        var caller = HttpContext.ApiCaller();
        var clubId = caller.ClubId;
        var membership = await memberships.GetAsync(clubId, membershipId, ct);
        return membership is null || !caller.ActsFor(membership.AccountId)
            ? Error(StatusCodes.Status404NotFound, "APPLET_MEMBERSHIP_NOT_FOUND")
            : Ok(CentrapayMembership.From(membership));
    }

    /// <summary>Delete one applet membership (Portal's own addition): the account leaves the applet. Answers the deleted membership.</summary>
    [HttpDelete("/api/applet-memberships/{membershipId}")]
    [CentrapayApiKey(ApiPermits.AppletMemberships)]
    [ProducesResponseType(typeof(CentrapayMembership), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(CentrapayError), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(string membershipId, CancellationToken ct)
    {
        var caller = HttpContext.ApiCaller();
        var clubId = caller.ClubId;
        var membership = await memberships.GetAsync(clubId, membershipId, ct);
        if (membership is null || !caller.ActsFor(membership.AccountId))
        {
            return Error(StatusCodes.Status404NotFound, "APPLET_MEMBERSHIP_NOT_FOUND");
        }
        var left = await memberships.LeaveAsync(clubId, membershipId, caller.Actor(HttpContext), ct);
        return left.Refused ? Error(StatusCodes.Status403Forbidden, "The API key may not do this") : Ok(CentrapayMembership.From(membership));
    }

    private static ObjectResult Error(int status, string message) => CentrapayError.Result(status, message);
}
