using Microsoft.AspNetCore.Mvc;
using Portal.OpenApi;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;

namespace Portal.Features.MemberTokens;

/// <summary>Placewise member authentication: OAuth token, revoke and token info.</summary>
[Route("v3/{loyalty_club_slug}/members/oauth")]
[Produces("application/json")]
[Tags("Placewise authentication")]
public class PlacewiseOAuthController(MemberSignInService signIns, MemberTokenService tokens, TimeProvider clock) : ControllerBase
{
    /// <summary>Create Token.</summary>
    /// <remarks>
    /// Client token with permit <c>BL:Api:Members:OAuth</c>. JSON or form body. <c>grant_type=password</c> with
    /// <c>identifier_type</c> (id, email, msisdn), <c>identifier</c> and <c>password</c> (the member's password, a
    /// one-time password or a registration password); or <c>grant_type=refresh_token</c> with <c>refresh_token</c>.
    /// Answers <c>{access_token, token_type: "bearer", expires_in: 86400, refresh_token, created_at, resource_owner_id}</c>.
    /// 461 bad credentials, 462 bad refresh token, 467 banned member.
    /// </remarks>
    [HttpPost("token")]
    [PlacewiseClient(ApiPermits.MembersOAuth)]
    [JsonRequestBody(typeof(PlacewiseTokenRequest))]
    [ProducesResponseType(typeof(PlacewiseTokenResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.BadCredentials)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.BadRefreshToken)]
    [ProducesResponseType(typeof(PlacewiseBannedDocument), PlacewiseErrors.MemberBanned)]
    public async Task<IActionResult> CreateToken(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        // Every field is read (and type-checked) whatever the grant, so a malformed one is a 422, not silently ignored.
        var grantType = body.String("grant_type", 20);
        var identifierType = body.String("identifier_type", 10) ?? "email";
        var identifier = body.String("identifier", 254);
        var password = body.String("password", 128);
        var refreshToken = body.String("refresh_token", 100);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        MemberTokenService.IssuedTokens? issued;
        switch (grantType)
        {
            case "password":
                var signIn = await signIns.SignInAsync(client.Club.Id, identifierType, identifier, password, client.Key.Id, ct);
                switch (signIn.Outcome)
                {
                    case MemberSignInOutcome.BadCredentials:
                        return PlacewiseErrors.Error(PlacewiseErrors.BadCredentials, "Invalid credentials");
                    case MemberSignInOutcome.Banned:
                        return PlacewiseErrors.Banned(signIn.BannedUntil!.Value, client.Club.TimeZone);
                }
                issued = signIn.Tokens!;
                break;
            case "refresh_token":
                issued = await tokens.RefreshAsync(client.Club.Id, refreshToken ?? "", ct);
                if (issued is null)
                {
                    return PlacewiseErrors.Error(PlacewiseErrors.BadRefreshToken, "Invalid refresh token");
                }
                break;
            default:
                return PlacewiseErrors.Error(StatusCodes.Status400BadRequest, "grant_type must be password or refresh_token");
        }
        return Ok(new
        {
            access_token = issued.AccessToken,
            token_type = "bearer",
            expires_in = (int)MemberTokenService.AccessLifetime.TotalSeconds,
            refresh_token = issued.RefreshToken,
            created_at = new DateTimeOffset(issued.CreatedAt).ToUnixTimeSeconds(),
            resource_owner_id = issued.MemberId,
        });
    }

    /// <summary>Revoke Token: revokes an access or refresh token. Answers <c>{}</c> whether or not the token was known; 400/422 for a malformed body.</summary>
    [HttpPost("revoke")]
    [PlacewiseClient(ApiPermits.MembersOAuth)]
    [JsonRequestBody(typeof(PlacewiseRevokeRequest))]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Revoke(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var token = body.String("token", 100);
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        await tokens.RevokeAsync(client.Club.Id, token, ct);
        return Ok(new { });
    }

    /// <summary>Show Token Info for the member token in <c>Authorization: Bearer</c>; 460 when it is not valid.</summary>
    [HttpGet("token/info")]
    [PlacewiseMember]
    [ProducesResponseType(typeof(PlacewiseTokenInfoResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.InvalidMemberToken)]
    public async Task<IActionResult> TokenInfo(CancellationToken ct)
    {
        var member = PlacewiseMember.From(HttpContext);
        var info = (await tokens.AuthenticateAsync(member.Club.Id, BearerToken.From(Request), ct))!;
        return Ok(new
        {
            resource_owner_id = info.MemberId,
            scopes = Array.Empty<string>(),
            expires_in_seconds = (long)(info.ExpiresAt - clock.GetUtcNow().UtcDateTime).TotalSeconds,
            application = new { uid = info.ApiKeyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            created_at = new DateTimeOffset(info.CreatedAt).ToUnixTimeSeconds(),
        });
    }
}
