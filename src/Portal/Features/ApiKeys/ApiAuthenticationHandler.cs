using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Options;

namespace Portal.Features.ApiKeys;

/// <summary>
/// The shape of every vendor API scheme: find the caller once (<see cref="AuthenticateCallerAsync"/>), hand it to
/// the endpoint as <see cref="ApiCaller"/>, and answer a refusal in the vendor's own format and status. A refusal
/// found while authenticating (or by the vendor's authorization handler, through <see cref="Deny"/>) is the answer
/// the challenge or forbid writes; otherwise the scheme's default one.
/// </summary>
public abstract class ApiAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string DenialKey = "Portal.ApiDenial";

    public const string ClubClaim = "portal:club";
    public const string ApiKeyClaim = "portal:api_key";
    public const string MemberClaim = "portal:member";

    /// <summary>Records the vendor answer to a refused request; the scheme's challenge or forbid writes it.</summary>
    public static void Deny(HttpContext http, ObjectResult answer) => http.Items[DenialKey] = answer;

    /// <summary>The caller, or the vendor answer for a request that does not authenticate.</summary>
    protected abstract Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync();

    /// <summary>The answer when no credential was checked at all (or nothing more specific was recorded).</summary>
    protected abstract ObjectResult Unauthenticated();

    /// <summary>The answer when the caller authenticated but the endpoint's requirement refused it.</summary>
    protected abstract ObjectResult Forbidden();

    /// <summary>The caller whose club API key is in the <c>x-api-key</c> header (Masivo's Authorize, Centrapay), or null.</summary>
    protected async Task<ApiCaller?> ApiKeyHeaderCallerAsync(ApiKeyService keys) =>
        await keys.FindActiveAsync(Request.Headers["x-api-key"].ToString(), Context.RequestAborted) is { } key ? new ApiCaller(key.ClubId, key) : null;

    protected sealed override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (caller, denial) = await AuthenticateCallerAsync();
        if (caller is null)
        {
            var answer = denial ?? Unauthenticated();
            Deny(Context, answer);
            return AuthenticateResult.Fail($"{Scheme.Name}: credential refused ({answer.StatusCode})");
        }
        Context.SetApiCaller(caller);
        var claims = new List<Claim> { new(ClubClaim, caller.ClubId.ToString(CultureInfo.InvariantCulture)) };
        if (caller.Key is not null)
        {
            claims.Add(new Claim(ApiKeyClaim, caller.Key.Id.ToString(CultureInfo.InvariantCulture)));
        }
        if (caller.MemberToken is not null)
        {
            claims.Add(new Claim(MemberClaim, caller.MemberToken.MemberId.ToString(CultureInfo.InvariantCulture)));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => WriteAsync(Recorded() ?? Unauthenticated());

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteAsync(Recorded() ?? Forbidden());

    private ObjectResult? Recorded() => Context.Items[DenialKey] as ObjectResult;

    // Through MVC's result executor, so the body is serialized exactly as the controllers' own answers are.
    private Task WriteAsync(ObjectResult answer)
    {
        answer.ContentTypes.Add("application/json");
        return answer.ExecuteResultAsync(new ActionContext(Context, Context.GetRouteData(), new ActionDescriptor()));
    }
}
