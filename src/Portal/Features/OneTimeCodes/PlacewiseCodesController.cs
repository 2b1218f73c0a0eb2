using Microsoft.AspNetCore.Mvc;
using Portal.OpenApi;
using Portal.Features.ApiKeys;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Features.Outbox;
using Portal.Features.Placewise;

namespace Portal.Features.OneTimeCodes;

/// <summary>
/// Placewise "Registration Password" and "One Time Password" senders. Codes go through the outbox (SMS or
/// e-mail), are valid 15 minutes and are used once. The paths are Portal's names for the documented pages.
/// </summary>
[Route("v3/{loyalty_club_slug}/members")]
[Produces("application/json")]
[Tags("Placewise authentication")]
public class PlacewiseCodesController(OneTimeCodeService codes) : ControllerBase
{
    /// <summary>Send Registration Password SMS: body <c>{"msisdn"}</c>; 422 for an invalid number or one already a member.</summary>
    [HttpPost("registration_password/sms")]
    [PlacewiseClient(ApiPermits.MembersRegistrationPassword)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> SendRegistrationSms(CancellationToken ct) =>
        SendRegistrationAsync(BuiltInProperties.Msisdn, PropertyErrorCodes.InvalidMsisdn, PropertyErrorCodes.DuplicatedMsisdn, ct);

    /// <summary>Send Registration Password Email: body <c>{"email"}</c>; 422 for an invalid address or one already a member.</summary>
    [HttpPost("registration_password/email")]
    [PlacewiseClient(ApiPermits.MembersRegistrationPassword)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> SendRegistrationEmail(CancellationToken ct) =>
        SendRegistrationAsync(BuiltInProperties.Email, PropertyErrorCodes.InvalidEmail, PropertyErrorCodes.DuplicatedEmail, ct);

    /// <summary>Send OTP via SMS to the member with body <c>{"msisdn"}</c>. Always <c>{}</c>; 404 for an unknown member.</summary>
    [HttpPost("otp/sms")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpSms(CancellationToken ct) => SendOtpAsync(BuiltInProperties.Msisdn, OutboxSender.Sms, ct);

    /// <summary>Send OTP via SMS by Email: finds the member by <c>{"email"}</c> and texts their mobile number.</summary>
    [HttpPost("otp/sms_by_email")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpSmsByEmail(CancellationToken ct) => SendOtpAsync(BuiltInProperties.Email, OutboxSender.Sms, ct);

    /// <summary>Send OTP via Email to the member with body <c>{"email"}</c>.</summary>
    [HttpPost("otp/email")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpEmail(CancellationToken ct) => SendOtpAsync(BuiltInProperties.Email, OutboxSender.Email, ct);

    /// <summary>Send OTP via Email by MSISDN: finds the member by <c>{"msisdn"}</c> and e-mails them.</summary>
    [HttpPost("otp/email_by_msisdn")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpEmailByMsisdn(CancellationToken ct) => SendOtpAsync(BuiltInProperties.Msisdn, OutboxSender.Email, ct);

    // The adapter reads the body and says the outcome in Placewise's words; who gets a code is OneTimeCodeService's rule.
    private async Task<IActionResult> SendRegistrationAsync(string field, string invalidCode, string duplicateCode, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var address = new MemberAddress(field, body.String(field, 254));
        return await codes.SendRegistrationCodeAsync(client.Club.Id, address, ct) switch
        {
            RegistrationCodeOutcome.AddressInvalid => PlacewiseErrors.Validation(field, invalidCode),
            RegistrationCodeOutcome.AddressTaken => PlacewiseErrors.Validation(field, duplicateCode),
            _ => Ok(new { }),
        };
    }

    private async Task<IActionResult> SendOtpAsync(string lookupField, string channel, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        var knownBy = new MemberAddress(lookupField, body?.String(lookupField, 254));
        return await codes.SendSignInCodeAsync(client.Club.Id, knownBy, channel, ct)
            ? Ok(new { })
            : PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found");
    }
}
