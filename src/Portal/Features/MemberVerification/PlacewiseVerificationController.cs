using Microsoft.AspNetCore.Mvc;
using Portal.OpenApi;
using Portal.Features.Audit;
using Portal.Features.Schema;
using Portal.Features.Placewise;

namespace Portal.Features.MemberVerification;

/// <summary>
/// Placewise "Verification" (seed 000, Member › Verification): Send Verification Email / SMS, Verify Email /
/// MSISDN, all with the member token. The seed gives only the page names; the paths are those names in
/// snake_case. The member JSON shows the result as <c>email_verified</c> and <c>msisdn_verified</c>.
/// </summary>
[Route("v3/{loyalty_club_slug}/members/me")]
[Produces("application/json")]
[Tags("Placewise verification")]
public class PlacewiseVerificationController(MemberVerificationService verifications) : ControllerBase
{
    /// <summary>Send Verification Email (member token): a six-digit code to the member's e-mail address.</summary>
    /// <remarks>
    /// No body (or <c>{}</c>; 400 for one that is not a JSON object). The code is valid 15 minutes, usable once, dead after 5 wrong tries; a new one replaces the previous
    /// one. Answers <c>{}</c>. Errors: 422 <c>{"email":[{"property":"email","error":"presence"}]}</c> when the member
    /// has no e-mail address, 429 when the caller's address sent too many codes this minute.
    /// </remarks>
    [HttpPost("send_verification_email")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseEmptyDocument), required: false)]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status429TooManyRequests)]
    public Task<IActionResult> SendVerificationEmail(CancellationToken ct) => SendAsync(VerifiableAddress.Email, ct);

    /// <summary>Send Verification SMS (member token): a six-digit code to the member's mobile number.</summary>
    /// <remarks>As Send Verification Email; 422 <c>{"msisdn":[{"property":"msisdn","error":"presence"}]}</c> when the member has no mobile number.</remarks>
    [HttpPost("send_verification_sms")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseEmptyDocument), required: false)]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status429TooManyRequests)]
    public Task<IActionResult> SendVerificationSms(CancellationToken ct) => SendAsync(VerifiableAddress.Msisdn, ct);

    /// <summary>Verify Email (member token): body <c>{"code"}</c> from the verification e-mail.</summary>
    /// <remarks>
    /// Answers <c>{}</c>; the member JSON then has <c>"email_verified": true</c> until the address changes. Errors: 400
    /// malformed JSON, 422 <c>{"code":[{"property":"code","error":"invalid"}]}</c> for a wrong, expired, used or five
    /// times mistyped code or one sent to an address the member no longer has (<c>presence</c> when missing),
    /// <c>{"email":[...presence]}</c> when the member has no e-mail address.
    /// </remarks>
    [HttpPost("verify_email")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseVerifyRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> VerifyEmail(CancellationToken ct) => VerifyAsync(VerifiableAddress.Email, ct);

    /// <summary>Verify MSISDN (member token): body <c>{"code"}</c> from the verification SMS.</summary>
    /// <remarks>As Verify Email, for <c>msisdn_verified</c>.</remarks>
    [HttpPost("verify_msisdn")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseVerifyRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> VerifyMsisdn(CancellationToken ct) => VerifyAsync(VerifiableAddress.Msisdn, ct);

    private async Task<IActionResult> SendAsync(VerifiableAddress kind, CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        // No field is read, but a body that is not a JSON object is still a client error, as on every Placewise endpoint.
        if (await PlacewiseRequestBody.ReadAsync(Request, ct) is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        return Answer(await verifications.SendAsync(me.Club.Id, me.MemberId, kind, ct), kind);
    }

    private async Task<IActionResult> VerifyAsync(VerifiableAddress kind, CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var code = body.String("code", 32);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        if (string.IsNullOrEmpty(code))
        {
            return PlacewiseErrors.Validation("code", PropertyErrorCodes.Presence);
        }
        var actor = me.Actor(HttpContext);
        return Answer(await verifications.VerifyAsync(me.Club.Id, me.MemberId, kind, code, actor, ct), kind);
    }

    private ObjectResult Answer(MemberVerificationOutcome outcome, VerifiableAddress kind) => outcome switch
    {
        MemberVerificationOutcome.Done => Ok(new { }),
        MemberVerificationOutcome.NoAddress => PlacewiseErrors.Validation(
            kind == VerifiableAddress.Email ? BuiltInProperties.Email : BuiltInProperties.Msisdn, PropertyErrorCodes.Presence),
        MemberVerificationOutcome.CodeInvalid => PlacewiseErrors.Validation("code", PropertyErrorCodes.Invalid),
        _ => PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found"),
    };
}
