using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Portal.OpenApi;
using Portal.Data;
using Portal.Features.ApiKeys;
using Portal.Features.Members;
using Portal.Features.Schema;
using Portal.Features.Placewise;

namespace Portal.Features.Members;

/// <summary>Placewise member API v3 (seed documents 000 and 001): create, list, show, update and destroy members.</summary>
[Route("v3/{loyalty_club_slug}")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewiseMembersController(
    MemberService members,
    MemberRegistrationService registrations,
    ClubSchemaService schemas,
    MemberDataExport export) : ControllerBase
{
    /// <summary>Create Member.</summary>
    /// <remarks>
    /// Client token in <c>X-Client-Authorization</c> with permit <c>BL:Api:Members:Create</c>; headers
    /// <c>X-Product-Name</c> (stored as <c>optin_channel</c>), <c>X-User-Agent</c>, optional <c>X-Subproduct-Name</c>
    /// (<c>optin_subchannel</c>). Body: <c>properties</c> (validated against the club schema), <c>consents</c>
    /// (<c>{"key": true}</c> or <c>{"key": {"status": true}}</c>), <c>password</c> | <c>registration_password</c> |
    /// <c>external_token</c> + <c>external_token_type</c> (apple, google), <c>send_sms_welcome_message</c>,
    /// <c>send_email_welcome_message</c>, <c>ignore_required_properties</c> (as the seed says, the client needs
    /// <c>BL:Api:Members:Create</c> for it, which this endpoint asks anyway), <c>favorite_stores</c>, <c>sms_enabled</c>, <c>email_enabled</c>,
    /// <c>push_enabled</c>. Answers 201 with the member JSON. Errors: 400 malformed JSON, 401 bad client token,
    /// 403 missing permit, 404 unknown club, 422 <c>{"email":[{"property":"email","error":"duplicated_email_in_community"}]}</c>,
    /// 465 no password of any kind, 466 wrong or expired registration password, 468 external token not verified,
    /// 470/471 missing/malformed header. Portal adds nothing to the seed's member JSON in this version.
    /// <para>
    /// Headers against seed 001's table (<c>X-Loyalty-Club-Slug</c> required, <c>X-Client-Authorization</c> optional):
    /// <c>X-Loyalty-Club-Slug</c> is accepted and must equal the <c>loyalty_club_slug</c> of the path (400 otherwise); a
    /// request without it is accepted too, as the path already names the club. <c>X-Client-Authorization</c> stays
    /// required (401 without it), stricter on purpose: the same page names the API permit <c>BL:Api:Members:Create</c>
    /// and the UserToken authorization, which only a client token carries, and without one anybody could create
    /// members in any club.
    /// </para>
    /// </remarks>
    [HttpPost("members")]
    [PlacewiseClient(ApiPermits.MembersCreate)]
    [Consumes("application/json")]
    [JsonRequestBody(typeof(PlacewiseCreateMemberRequest))]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.PasswordMissing)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.RegistrationPasswordInvalid)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.ExternalTokenInvalid)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.MissingHeader)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.MalformedHeader)]
    public async Task<IActionResult> CreateMember(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }

        var properties = body.Object("properties");
        var consents = body.Object("consents");
        var password = body.String("password", MemberRegistrationService.MaxPasswordLength);
        var registrationPassword = body.String("registration_password", 32);
        var externalToken = body.String("external_token", 8192);
        var externalTokenType = body.String("external_token_type", 20);
        var draft = new MemberDraft
        {
            Properties = properties ?? [],
            Consents = consents,
            IgnoreRequiredProperties = body.Bool("ignore_required_properties", false),
            SendSmsWelcomeMessage = body.Bool("send_sms_welcome_message", true),
            SendEmailWelcomeMessage = body.Bool("send_email_welcome_message", true),
            SmsEnabled = body.Bool("sms_enabled", true),
            EmailEnabled = body.Bool("email_enabled", true),
            PushEnabled = body.Bool("push_enabled", true),
            FavoriteStores = body.IntegerList("favorite_stores", ColumnLengths.PropertyListItems),
            OptinChannel = client.ProductName,
            OptinSubchannel = client.SubproductName,
            Password = password,
        };
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        if (properties is null)
        {
            return PlacewiseErrors.Validation("properties", PropertyErrorCodes.Presence);
        }
        var registration = await registrations.RegisterAsync(client.Club.Id, draft, registrationPassword, externalToken, externalTokenType,
            client.Actor(HttpContext), ct);
        switch (registration.Outcome)
        {
            case MemberRegistrationOutcome.PasswordMissing:
                return PlacewiseErrors.Error(PlacewiseErrors.PasswordMissing, "registration_password or password param is missing");
            case MemberRegistrationOutcome.PasswordTooShort:
                return PlacewiseErrors.Validation("password", PropertyErrorCodes.TooShort);
            case MemberRegistrationOutcome.ExternalTokenInvalid:
                return PlacewiseErrors.Error(PlacewiseErrors.ExternalTokenInvalid, "external_token param is invalid");
            case MemberRegistrationOutcome.RegistrationPasswordInvalid:
                return PlacewiseErrors.Error(PlacewiseErrors.RegistrationPasswordInvalid, "registration_password param is invalid");
            case MemberRegistrationOutcome.Invalid:
                return PlacewiseErrors.Validation(registration.Errors!);
            case MemberRegistrationOutcome.Refused:
                return Refused();
        }
        var member = registration.Member!;
        var view = (await members.FindAsync(client.Club.Id, member.Id, ct))!;
        var json = PlacewiseMemberJson.From(view, (await schemas.GetAsync(client.Club.Id, ct))!, client.Club.TimeZone);
        return Created($"/v3/{client.Club.Slug}/members/{member.Id}", json);
    }

    /// <summary>Validate Member: always 200 <c>{"valid": bool, "errors": {...}}</c>; checks presence only for keys in the payload; writes nothing.</summary>
    [HttpPost("members/validate")]
    [PlacewiseClient(ApiPermits.MembersValidate)]
    [JsonRequestBody(typeof(PlacewiseValidateMemberRequest))]
    [ProducesResponseType(typeof(PlacewiseValidateMemberResponse), StatusCodes.Status200OK)]
    public async Task<IActionResult> ValidateMember(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var properties = body.Object("properties") ?? [];
        var consents = body.Object("consents");
        var errors = body.Errors.Count > 0 ? body.Errors : await members.ValidateAsync(client.Club.Id, properties, consents, ct);
        return Ok(new { valid = errors.Count == 0, errors = PlacewiseErrors.Validation(errors).Value });
    }

    /// <summary>List members in creation order: <c>{"members":[...], "pagination_info":{...}}</c>; <c>per_page</c> 1 to 1000 (default 1000).</summary>
    [HttpGet("members")]
    [PlacewiseClient(ApiPermits.MembersList)]
    [ProducesResponseType(typeof(PlacewiseMemberListDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> ListMembers([FromQuery(Name = "per_page")] string? perPageText, [FromQuery(Name = "page_no")] string? pageText, CancellationToken ct)
    {
        const int maxPerPage = 1000;
        var client = PlacewiseClient.From(HttpContext);
        if (!TryPositive(perPageText, maxPerPage, out var perPage))
        {
            return PlacewiseErrors.Validation("per_page", perPage > maxPerPage ? "too_large" : "invalid_integer");
        }
        if (!TryPositive(pageText, 1, out var page, allowAboveDefault: true))
        {
            return PlacewiseErrors.Validation("page_no", "invalid_integer");
        }
        var (rows, total) = await members.ListAsync(client.Club.Id, page, perPage, ct);
        var schema = (await schemas.GetAsync(client.Club.Id, ct))!;
        var totalPages = (int)Math.Ceiling(total / (double)perPage);
        return Ok(new JsonObject
        {
            ["members"] = new JsonArray(rows.Select(m => (JsonNode?)PlacewiseMemberJson.From(m, schema, client.Club.TimeZone)).ToArray()),
            ["pagination_info"] = new JsonObject
            {
                ["total_count"] = total,
                ["per_page"] = perPage,
                ["total_pages"] = totalPages,
                ["current_page"] = page,
                ["next_page"] = page < totalPages ? page + 1 : null,
                ["prev_page"] = page > 1 ? Math.Min(page - 1, Math.Max(totalPages, 1)) : null,
                ["is_first_page"] = page == 1,
                ["is_last_page"] = page >= totalPages,
                ["is_out_of_range"] = page > Math.Max(totalPages, 1),
            },
        });
    }

    /// <summary>Show Member by id (client token, permit <c>BL:Api:Members:Show</c>). Sends the member's version as ETag.</summary>
    [HttpGet("members/{id:long}")]
    [PlacewiseClient(ApiPermits.MembersShow)]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowMember(long id, CancellationToken ct) => ShowAsync(PlacewiseClient.From(HttpContext).Club, id, ct);

    /// <summary>Show Member by e-mail (normalised before the lookup).</summary>
    [HttpGet("members/by_email/{email}")]
    [PlacewiseClient(ApiPermits.MembersShow)]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowMemberByEmail(string email, CancellationToken ct) => ShowByAsync("email", email, ct);

    /// <summary>Show Member by msisdn (digits with country code; <c>+</c>, <c>00</c> and spaces are accepted).</summary>
    [HttpGet("members/by_msisdn/{msisdn}")]
    [PlacewiseClient(ApiPermits.MembersShow)]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public Task<IActionResult> ShowMemberByMsisdn(string msisdn, CancellationToken ct) => ShowByAsync("msisdn", msisdn, ct);

    /// <summary>Update Member by id: partial; a property sent as null is removed. <c>If-Match</c> with the ETag guards against lost updates (409).</summary>
    /// <remarks>
    /// Stricter than Create Member on purpose: <c>ignore_required_properties</c> here needs the permit
    /// <c>BL:Api:Members:IgnoreRequiredProperties</c> (403 otherwise), so a client that may create members cannot
    /// strip required properties from existing ones. <c>password</c> is not read here: the seed documents it for
    /// Create Member only and puts changing it under Password (Update Password, Reset Password), which check the
    /// current password or a reset token and revoke the member's other tokens.
    /// </remarks>
    [HttpPut("members/{id:long}")]
    [PlacewiseClient(ApiPermits.MembersUpdate)]
    [JsonRequestBody(typeof(PlacewiseUpdateMemberRequest))]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> UpdateMember(long id, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var mayIgnore = client.Key.Permits.Contains(ApiPermits.MembersIgnoreRequiredProperties);
        return await UpdateAsync(client.Club, id, client.Actor(HttpContext), mayIgnore, ct);
    }

    /// <summary>Destroy Member by id: erases the member and answers with the member as it was.</summary>
    [HttpDelete("members/{id:long}")]
    [PlacewiseClient(ApiPermits.MembersDestroy)]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DestroyMember(long id, CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        return await DeleteAsync(client.Club, id, client.Actor(HttpContext), ct);
    }

    /// <summary>Show Member (member token).</summary>
    [HttpGet("members/me")]
    [PlacewiseMember]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.InvalidMemberToken)]
    [ProducesResponseType(typeof(PlacewiseBannedDocument), PlacewiseErrors.MemberBanned)]
    public Task<IActionResult> ShowMe(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        return ShowAsync(me.Club, me.MemberId, ct);
    }

    /// <summary>Update Member (member token): partial, as <c>PUT /members/{id}</c>; <c>password</c> is not read (Update Password is <c>PUT /members/me/password</c>).</summary>
    [HttpPut("members/me")]
    [PlacewiseMember]
    [JsonRequestBody(typeof(PlacewiseUpdateMemberRequest))]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(PlacewiseValidationDocument), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.InvalidMemberToken)]
    [ProducesResponseType(typeof(PlacewiseBannedDocument), PlacewiseErrors.MemberBanned)]
    public Task<IActionResult> UpdateMe(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        return UpdateAsync(me.Club, me.MemberId, MemberActor(me), mayIgnoreRequired: false, ct);
    }

    /// <summary>Export My Data (member token): everything Portal holds about the member, as one JSON document.</summary>
    /// <remarks>
    /// Portal's addition to the Placewise API, for access and portability requests: profile, properties, consents
    /// with their full history, devices, applet memberships, pushes and messages sent. Leaves out the password hash
    /// and sign-in tokens.
    /// </remarks>
    [HttpGet("members/me/data_export")]
    [PlacewiseMember]
    [ProducesResponseType(typeof(JsonObject), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.InvalidMemberToken)]
    [ProducesResponseType(typeof(PlacewiseBannedDocument), PlacewiseErrors.MemberBanned)]
    public async Task<IActionResult> ExportMe(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        return (await export.ExportAsync(me.Club.Id, me.MemberId, MemberActor(me), ct)).Value is { } document ? Ok(document) : MemberNotFound();
    }

    /// <summary>Destroy Member (member token): the member erases themself.</summary>
    [HttpDelete("members/me")]
    [PlacewiseMember]
    [ProducesResponseType(typeof(PlacewiseMemberDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), PlacewiseErrors.InvalidMemberToken)]
    public Task<IActionResult> DestroyMe(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        return DeleteAsync(me.Club, me.MemberId, MemberActor(me), ct);
    }

    private async Task<IActionResult> ShowByAsync(string identifierType, string identifier, CancellationToken ct)
    {
        var club = PlacewiseClient.From(HttpContext).Club;
        return await ShownAsync(club, await members.FindByAsync(club.Id, identifierType, identifier, ct), ct);
    }

    private async Task<IActionResult> ShowAsync(Clubs.ClubSummary club, long id, CancellationToken ct) =>
        await ShownAsync(club, await members.FindAsync(club.Id, id, ct), ct);

    private async Task<IActionResult> ShownAsync(Clubs.ClubSummary club, MemberView? member, CancellationToken ct)
    {
        if (member is null)
        {
            return MemberNotFound();
        }
        Response.Headers.ETag = ETagOf(member.Version);
        return Ok(PlacewiseMemberJson.From(member, (await schemas.GetAsync(club.Id, ct))!, club.TimeZone));
    }

    private async Task<IActionResult> UpdateAsync(Clubs.ClubSummary club, long id, Audit.Actor actor, bool mayIgnoreRequired, CancellationToken ct)
    {
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        var changes = new MemberChanges
        {
            Properties = body.Object("properties"),
            Consents = body.Object("consents"),
            SmsEnabled = body.NullableBool("sms_enabled"),
            EmailEnabled = body.NullableBool("email_enabled"),
            PushEnabled = body.NullableBool("push_enabled"),
            IgnoreRequiredProperties = body.Bool("ignore_required_properties", false),
            ExpectedVersion = VersionFromIfMatch(),
        };
        if (body.Errors.Count > 0)
        {
            return PlacewiseErrors.Validation(body.Errors);
        }
        if (changes.IgnoreRequiredProperties && !mayIgnoreRequired)
        {
            return PlacewiseErrors.Error(StatusCodes.Status403Forbidden, $"Client token lacks the permit {ApiPermits.MembersIgnoreRequiredProperties}");
        }
        try
        {
            var outcome = await members.UpdateAsync(club.Id, id, changes, actor, ct);
            if (outcome.Refused)
            {
                return Refused();
            }
            if (outcome.Value is not { } updated)
            {
                return MemberNotFound();
            }
            Response.Headers.ETag = ETagOf(updated.Version);
            return Ok(PlacewiseMemberJson.From(updated, (await schemas.GetAsync(club.Id, ct))!, club.TimeZone));
        }
        catch (MemberValidationException e)
        {
            return PlacewiseErrors.Validation(e.Errors);
        }
        catch (MemberConflictException e)
        {
            return PlacewiseErrors.Error(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private async Task<IActionResult> DeleteAsync(Clubs.ClubSummary club, long id, Audit.Actor actor, CancellationToken ct)
    {
        var schema = (await schemas.GetAsync(club.Id, ct))!;
        var outcome = await members.DeleteAsync(club.Id, id, actor, ct);
        if (outcome.Refused)
        {
            return Refused();
        }
        return outcome.Value is { } deleted ? Ok(PlacewiseMemberJson.From(deleted, schema, club.TimeZone)) : MemberNotFound();
    }

    private int? VersionFromIfMatch()
    {
        var value = Request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        return int.TryParse(value.Trim('"'), out var version) ? version : null;
    }

    private static string ETagOf(int version) => $"W/\"{version}\"";

    private static ObjectResult MemberNotFound() => PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Member not found");

    // The scheme already matched the credential to the club in the path, so a use case refuses only if that ever breaks.
    private static ObjectResult Refused() => PlacewiseErrors.Error(StatusCodes.Status403Forbidden, "Forbidden");

    private Audit.Actor MemberActor(PlacewiseMember me) => me.Actor(HttpContext);

    private static bool TryPositive(string? text, int fallback, out int value, bool allowAboveDefault = false)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        // int.TryParse ignores trailing NUL characters, so the digits are checked first.
        if (!text.All(char.IsAsciiDigit)
            || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) || value < 1)
        {
            value = 0;
            return false;
        }
        return allowAboveDefault || value <= fallback;
    }
}
