using Microsoft.AspNetCore.Mvc;
using Portal.Features.Members;

namespace Portal.Features.Placewise;

/// <summary>Error answers in Placewise's own format and status codes (seed documents and public docs).</summary>
public static class PlacewiseErrors
{
    public const int MissingHeader = 470;
    public const int MalformedHeader = 471;
    public const int InvalidMemberToken = 460;
    public const int BadCredentials = 461;
    public const int BadRefreshToken = 462;
    public const int PasswordMissing = 465;
    public const int RegistrationPasswordInvalid = 466;
    public const int MemberBanned = 467;
    public const int ExternalTokenInvalid = 468;

    /// <summary><c>{"error": "..."}</c> with the given status.</summary>
    public static ObjectResult Error(int status, string message) =>
        new(new { error = message }) { StatusCode = status };

    /// <summary>400 for a body that is not a JSON object (or is not JSON at all).</summary>
    /// <summary>460: the member token (<c>Authorization: Bearer</c>) is missing, unknown, revoked or expired.</summary>
    public static ObjectResult InvalidMemberTokenError() => Error(InvalidMemberToken, "Invalid or expired member token");

    public static ObjectResult MalformedBody() => Error(StatusCodes.Status400BadRequest, "The body is not a JSON object");

    /// <summary>467 <c>{"error":"Member is banned!","banned_until":"..."}</c>.</summary>
    public static ObjectResult Banned(DateTime bannedUntil, string timeZone)
    {
        return new ObjectResult(new { error = "Member is banned!", banned_until = PlacewiseMemberJson.Local(bannedUntil, Clubs.ClubTime.Zone(timeZone)) }) { StatusCode = MemberBanned };
    }

    /// <summary>The 422 body: one array per property, e.g. <c>{"email":[{"property":"email","error":"presence"}]}</c>.</summary>
    public static ObjectResult Validation(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.Select(code => new PlacewiseFieldError(e.Key, code)).ToList()))
        {
            StatusCode = StatusCodes.Status422UnprocessableEntity,
        };

    public static ObjectResult Validation(string property, string code) =>
        Validation(new Dictionary<string, IReadOnlyList<string>> { [property] = [code] });
}

/// <summary>One entry of a Placewise 422 body.</summary>
public record PlacewiseFieldError(
    [property: System.Text.Json.Serialization.JsonPropertyName("property")] string Property,
    [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error);
