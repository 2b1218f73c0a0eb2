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
public class PlacewiseCodesController(MemberService members, OneTimeCodeService codes) : ControllerBase
{
    /// <summary>Send Registration Password SMS: body <c>{"msisdn"}</c>; 422 for an invalid number or one already a member.</summary>
    [HttpPost("registration_password/sms")]
    [PlacewiseClient(ApiPermits.MembersRegistrationPassword)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> SendRegistrationSms(CancellationToken ct) =>
        SendRegistrationAsync(BuiltInProperties.Msisdn, OutboxSender.Sms, IdentityNormalizer.Msisdn, PropertyErrorCodes.InvalidMsisdn, PropertyErrorCodes.DuplicatedMsisdn, ct);

    /// <summary>Send Registration Password Email: body <c>{"email"}</c>; 422 for an invalid address or one already a member.</summary>
    [HttpPost("registration_password/email")]
    [PlacewiseClient(ApiPermits.MembersRegistrationPassword)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> SendRegistrationEmail(CancellationToken ct) =>
        SendRegistrationAsync(BuiltInProperties.Email, OutboxSender.Email, IdentityNormalizer.Email, PropertyErrorCodes.InvalidEmail, PropertyErrorCodes.DuplicatedEmail, ct);

    /// <summary>Send OTP via SMS to the member with body <c>{"msisdn"}</c>. Always <c>{}</c>; 404 for an unknown member.</summary>
    [HttpPost("otp/sms")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpSms(CancellationToken ct) => SendOtpAsync("msisdn", OutboxSender.Sms, ct);

    /// <summary>Send OTP via SMS by Email: finds the member by <c>{"email"}</c> and texts their mobile number.</summary>
    [HttpPost("otp/sms_by_email")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpSmsByEmail(CancellationToken ct) => SendOtpAsync("email", OutboxSender.Sms, ct);

    /// <summary>Send OTP via Email to the member with body <c>{"email"}</c>.</summary>
    [HttpPost("otp/email")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseEmailRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpEmail(CancellationToken ct) => SendOtpAsync("email", OutboxSender.Email, ct);

    /// <summary>Send OTP via Email by MSISDN: finds the member by <c>{"msisdn"}</c> and e-mails them.</summary>
    [HttpPost("otp/email_by_msisdn")]
    [PlacewiseClient(ApiPermits.MembersOtp)]
    [JsonRequestBody(typeof(PlacewiseMsisdnRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> SendOtpEmailByMsisdn(CancellationToken ct) => SendOtpAsync("msisdn", OutboxSender.Email, ct);

    private async Task<IActionResult> SendRegistrationAsync(string field, string channel, Func<string?, string?> normalize, string invalidCode, string duplicateCode, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var destination = normalize(body.String(field, 254));
        if (destination is null)
        {
            return PlacewiseErrors.Validation(field, invalidCode);
        }
        if (await members.FindIdAsync(client.Club.Id, field, destination, ct) is not null)
        {
            return PlacewiseErrors.Validation(field, duplicateCode);
        }
        await codes.SendAsync(client.Club.Id, OneTimeCodeService.Registration, channel, destination, ct);
        return Ok(new { });
    }

    private async Task<IActionResult> SendOtpAsync(string lookupField, string channel, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        var identifier = body?.String(lookupField, 254);
        var memberId = identifier is null ? null : await members.FindIdAsync(client.Club.Id, lookupField, identifier, ct);
        var member = memberId is null ? null : await members.FindAsync(client.Club.Id, memberId.Value, ct);
        var destination = member?.Properties[channel == OutboxSender.Sms ? BuiltInProperties.Msisdn : BuiltInProperties.Email]?.GetValue<string>();
        if (destination is null)
        {
            return PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found");
        }
        await codes.SendAsync(client.Club.Id, OneTimeCodeService.SignIn, channel, destination, ct);
        return Ok(new { });
    }
}
