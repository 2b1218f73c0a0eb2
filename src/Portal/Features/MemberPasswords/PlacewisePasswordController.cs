using Microsoft.AspNetCore.Mvc;
using Portal.OpenApi;
using Portal.Features.ApiKeys;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Features.Placewise;

namespace Portal.Features.MemberPasswords;

/// <summary>
/// Placewise "Password" (seed 000, Member › Password): Update Password, Send Password Reset Token, Reset Password.
/// The seed gives only the page names; the paths are those names in snake_case, and the bodies use the field
/// names of Create Member (<c>password</c>, <c>email</c>, <c>msisdn</c>).
/// </summary>
[Route("v3/{loyalty_club_slug}/members")]
[Produces("application/json")]
[Tags("Placewise password")]
public class PlacewisePasswordController(MemberPasswordService passwords) : ControllerBase
{
    /// <summary>Update Password (member token).</summary>
    /// <remarks>
    /// Body <c>{"current_password", "password"}</c>; <c>current_password</c> is required when the member has a
    /// password (<c>has_password</c>), and not read when they have none yet (registered with a registration
    /// password or a social login). The new password follows Create Member's rule: 8 to 128 characters, not all
    /// blank. Answers <c>{}</c>. Revokes every other token of the member; the access token of this request stays
    /// valid, so the app that changed the password stays signed in. Errors: 400 malformed JSON, 422
    /// <c>{"password":[{"property":"password","error":PropertyErrorCodes.TooShort}]}</c> (or <c>presence</c>),
    /// <c>{"current_password":[{"property":"current_password","error":"presence"}]}</c> or <c>"invalid"</c> for a
    /// wrong one.
    /// </remarks>
    [HttpPut("me/password")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseUpdatePasswordRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> UpdatePassword(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var currentPassword = body.String("current_password", MemberPasswordService.MaxLength);
        var password = body.String("password", MemberPasswordService.MaxLength);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        var actor = me.Actor(HttpContext);
        return await passwords.ChangeAsync(me.Club.Id, me.MemberId, me.TokenId, currentPassword, password, actor, ct) switch
        {
            MemberPasswordOutcome.Changed => Ok(new { }),
            MemberPasswordOutcome.PasswordTooShort => PasswordRejected(password),
            MemberPasswordOutcome.CurrentPasswordMissing => PlacewiseErrors.Validation("current_password", PropertyErrorCodes.Presence),
            MemberPasswordOutcome.CurrentPasswordWrong => PlacewiseErrors.Validation("current_password", PropertyErrorCodes.Invalid),
            _ => PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found"),
        };
    }

    /// <summary>Send Password Reset Token (client token).</summary>
    /// <remarks>
    /// Permit <c>BL:Api:Members:Password:Reset</c>. Body <c>{"email"}</c> (the token goes by e-mail) or
    /// <c>{"msisdn"}</c> (by SMS); when both are sent, <c>email</c> is used. The token is a six-digit code, valid 15
    /// minutes, usable once, dead after 5 wrong tries; a new one replaces the previous one. Answers <c>{}</c> whether
    /// or not the address is a member's (nothing is sent then), so the answer never tells whether someone is
    /// registered. Errors: 400 malformed JSON, 422 <c>{"email":[{"property":"email","error":"presence"}], "msisdn":[...]}</c>
    /// for neither, <c>invalid_email</c> / <c>invalid_msisdn</c> for an address that cannot be one, 429 when the
    /// caller's address sent too many codes this minute.
    /// </remarks>
    [HttpPost("send_password_reset_token")]
    [PlacewiseClient(ApiPermits.MembersPasswordReset)]
    [JsonRequestBody(typeof(PlacewiseSendPasswordResetTokenRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> SendPasswordResetToken(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var address = ReadAddress(body);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        if (address is null)
        {
            return AddressMissing();
        }
        if (!await passwords.SendResetTokenAsync(client.Club.Id, address, ct))
        {
            return AddressInvalid(address);
        }
        return Ok(new { });
    }

    /// <summary>Reset Password (client token).</summary>
    /// <remarks>
    /// Permit <c>BL:Api:Members:Password:Reset</c>. Body <c>{"email" or "msisdn", "token", "password"}</c>: the address
    /// the token was sent to, the token from Send Password Reset Token and the new password (Create Member's rule).
    /// Answers <c>{}</c> and revokes all the member's tokens; the member then signs in with the new password
    /// (<c>POST members/oauth/token</c>). Errors: 400 malformed JSON, 422
    /// <c>{"token":[{"property":"token","error":"invalid"}]}</c> for a wrong, expired, used or five times mistyped
    /// token (the same for an address that is no member's), <c>{"password":[...too_short]}</c> (checked first, so
    /// the token is not used up), presence errors as Send Password Reset Token.
    /// </remarks>
    [HttpPost("reset_password")]
    [PlacewiseClient(ApiPermits.MembersPasswordReset)]
    [JsonRequestBody(typeof(PlacewiseResetPasswordRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> ResetPassword(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var address = ReadAddress(body);
        var token = body.String("token", 32);
        var password = body.String("password", MemberPasswordService.MaxLength);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        if (address is null)
        {
            return AddressMissing();
        }
        if (string.IsNullOrEmpty(token))
        {
            return PlacewiseErrors.Validation("token", PropertyErrorCodes.Presence);
        }
        var actor = client.Actor(HttpContext);
        return await passwords.ResetAsync(client.Club.Id, address, token, password, actor, ct) switch
        {
            MemberPasswordOutcome.Changed => Ok(new { }),
            MemberPasswordOutcome.PasswordTooShort => PasswordRejected(password),
            _ => PlacewiseErrors.Validation("token", PropertyErrorCodes.Invalid),
        };
    }

    // Both fields are read, so a wrong type in either is a 422; e-mail wins when both are given.
    private static MemberAddress? ReadAddress(PlacewiseRequestBody body)
    {
        var email = body.String("email", 254);
        var msisdn = body.String("msisdn", 32);
        return email is not null ? MemberAddress.Email(email) : msisdn is not null ? MemberAddress.Msisdn(msisdn) : null;
    }

    private static ObjectResult AddressMissing() => PlacewiseErrors.Validation(new Dictionary<string, IReadOnlyList<string>>
    {
        [BuiltInProperties.Email] = [PropertyErrorCodes.Presence],
        [BuiltInProperties.Msisdn] = [PropertyErrorCodes.Presence],
    });

    private static ObjectResult AddressInvalid(MemberAddress address) =>
        PlacewiseErrors.Validation(address.Property, address.IsEmail ? PropertyErrorCodes.InvalidEmail : PropertyErrorCodes.InvalidMsisdn);

    private static ObjectResult PasswordRejected(string? password) =>
        PlacewiseErrors.Validation("password", password is null ? PropertyErrorCodes.Presence : PropertyErrorCodes.TooShort);
}
