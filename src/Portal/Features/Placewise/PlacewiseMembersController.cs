using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Portal.Data;
using Portal.Features.ApiKeys;
using Portal.Features.Members;
using Portal.Features.Schema;

namespace Portal.Features.Placewise;

/// <summary>Placewise member API v3 (seed documents 000 and 001): create members and show the club schema.</summary>
[Route("v3/{loyalty_club_slug}")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewiseMembersController(
    MemberService members,
    ClubSchemaService schemas,
    OneTimeCodeService codes,
    IExternalTokenVerifier externalTokens) : ControllerBase
{
    private const int MinPasswordLength = 8;
    private const int MaxPasswordLength = 128;

    /// <summary>Create Member.</summary>
    /// <remarks>
    /// Client token in <c>X-Client-Authorization</c> with permit <c>BL:Api:Members:Create</c>; headers
    /// <c>X-Product-Name</c> (stored as <c>optin_channel</c>), <c>X-User-Agent</c>, optional <c>X-Subproduct-Name</c>
    /// (<c>optin_subchannel</c>). Body: <c>properties</c> (validated against the club schema), <c>consents</c>
    /// (<c>{"key": true}</c> or <c>{"key": {"status": true}}</c>), <c>password</c> | <c>registration_password</c> |
    /// <c>external_token</c> + <c>external_token_type</c> (apple, google), <c>send_sms_welcome_message</c>,
    /// <c>send_email_welcome_message</c>, <c>ignore_required_properties</c> (needs permit
    /// <c>BL:Api:Members:IgnoreRequiredProperties</c>), <c>favorite_stores</c>, <c>sms_enabled</c>, <c>email_enabled</c>,
    /// <c>push_enabled</c>. Answers 201 with the member JSON. Errors: 400 malformed JSON, 401 bad client token,
    /// 403 missing permit, 404 unknown club, 422 <c>{"email":[{"property":"email","error":"duplicated_email_in_community"}]}</c>,
    /// 465 no password of any kind, 466 wrong or expired registration password, 468 external token not verified,
    /// 470/471 missing/malformed header. Portal adds nothing to the seed's member JSON in this version.
    /// </remarks>
    [HttpPost("members")]
    [PlacewiseClient(ApiPermits.MembersCreate)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(PlacewiseErrors.PasswordMissing)]
    [ProducesResponseType(PlacewiseErrors.RegistrationPasswordInvalid)]
    [ProducesResponseType(PlacewiseErrors.ExternalTokenInvalid)]
    [ProducesResponseType(PlacewiseErrors.MissingHeader)]
    [ProducesResponseType(PlacewiseErrors.MalformedHeader)]
    public async Task<IActionResult> CreateMember(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var body = await PlacewiseRequestBody.ReadAsync(Request, ct);
        if (body is null)
        {
            return PlacewiseErrors.Error(StatusCodes.Status400BadRequest, "The body is not a JSON object");
        }

        var properties = body.Object("properties");
        var consents = body.Object("consents");
        var password = body.String("password", MaxPasswordLength);
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
        if (draft.IgnoreRequiredProperties && !client.Key.Permits.Contains(ApiPermits.MembersIgnoreRequiredProperties))
        {
            return PlacewiseErrors.Error(StatusCodes.Status403Forbidden, $"Client token lacks the permit {ApiPermits.MembersIgnoreRequiredProperties}");
        }
        if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(registrationPassword) && string.IsNullOrEmpty(externalToken))
        {
            return PlacewiseErrors.Error(PlacewiseErrors.PasswordMissing, "registration_password or password param is missing");
        }
        if (password is not null && (password.Length < MinPasswordLength || string.IsNullOrWhiteSpace(password)))
        {
            return PlacewiseErrors.Validation("password", "too_short");
        }
        if (!string.IsNullOrEmpty(externalToken)
            && (externalTokenType is not ("apple" or "google") || !await externalTokens.VerifyAsync(externalTokenType, externalToken, ct)))
        {
            return PlacewiseErrors.Error(PlacewiseErrors.ExternalTokenInvalid, "external_token param is invalid");
        }

        try
        {
            if (!string.IsNullOrEmpty(registrationPassword))
            {
                // Check the member data first, so a typo in the profile does not burn the code.
                var schema = (await schemas.GetAsync(client.Club.Id, ct))!;
                var check = MemberPropertiesValidator.Validate(schema, draft.Properties, PresenceRule.None, DateOnly.FromDateTime(DateTime.UtcNow));
                if (!check.IsValid)
                {
                    return PlacewiseErrors.Validation(check.Errors);
                }
                var destinations = new[]
                {
                    check.Properties[BuiltInProperties.Msisdn]?.GetValue<string>(),
                    check.Properties[BuiltInProperties.Email]?.GetValue<string>(),
                };
                if (!await codes.ConsumeAsync(client.Club.Id, OneTimeCodeService.Registration, destinations, registrationPassword, ct))
                {
                    return PlacewiseErrors.Error(PlacewiseErrors.RegistrationPasswordInvalid, "registration_password param is invalid");
                }
            }

            var member = await members.CreateAsync(client.Club.Id, draft, ConsentActor.ApiKey(client.Key.Id, client.Key.Name, client.ProductName), ct);
            var view = (await members.FindAsync(client.Club.Id, member.Id, ct))!;
            var json = PlacewiseMemberJson.From(view, (await schemas.GetAsync(client.Club.Id, ct))!, client.Club.TimeZone);
            return Created($"/v3/{client.Club.Slug}/members/{member.Id}", json);
        }
        catch (MemberValidationException e)
        {
            return PlacewiseErrors.Validation(e.Errors);
        }
    }

    /// <summary>Show Schema: the member properties and consents of the club.</summary>
    /// <remarks>Client token with permit <c>BL:Api:Schema:Show</c>. Answers <c>{"default_language", "properties":[...], "consents":[...]}</c>.</remarks>
    [HttpGet("schema")]
    [PlacewiseClient(ApiPermits.SchemaShow)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ShowSchema(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var schema = (await schemas.GetAsync(client.Club.Id, ct))!;
        return Ok(new JsonObject
        {
            ["default_language"] = schema.DefaultLanguage,
            ["properties"] = new JsonArray(schema.Properties.Select(p => (JsonNode?)new JsonObject
            {
                ["key"] = p.Key,
                ["label"] = p.Label,
                ["type"] = p.Type,
                ["required"] = p.Required,
                ["choices"] = new JsonArray(p.Choices.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            }).ToArray()),
            ["consents"] = new JsonArray(schema.Consents.Where(c => c.Active).Select(c => (JsonNode?)new JsonObject
            {
                ["key"] = c.Key,
                ["title"] = c.Title,
                ["description"] = c.Description,
                ["version"] = c.Version,
            }).ToArray()),
        });
    }
}
