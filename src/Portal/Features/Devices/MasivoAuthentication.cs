using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Features.ApiKeys;

namespace Portal.Features.Devices;

public static class MasivoSchemes
{
    /// <summary><c>x-api-key</c> = a club API key (the Authorize endpoint).</summary>
    public const string ApiKey = "MasivoApiKey";

    /// <summary><c>Authorization: Bearer</c> with a token from Authorize, or the club API key itself.</summary>
    public const string Bearer = "MasivoBearer";
}

/// <summary>Masivo answers every refusal, a wrong key as a missing permit, with 401 <c>{"error": "..."}</c>.</summary>
public abstract class MasivoAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : ApiAuthenticationHandler(options, logger, encoder)
{
    protected override ObjectResult Forbidden() => Unauthenticated();

    protected static ObjectResult Error(string message) => MasivoError.Result(StatusCodes.Status401Unauthorized, message);
}

public sealed class MasivoApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : MasivoAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        return (await ApiKeyHeaderCallerAsync(keys), null);
    }

    protected override ObjectResult Unauthenticated() => Error($"A valid x-api-key with the {ApiPermits.StorefrontDevices} permit is required");
}

public sealed class MasivoBearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, StorefrontTokenService tokens)
    : MasivoAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        var key = await tokens.AuthenticateAsync(BearerToken.From(Request), Context.RequestAborted);
        return (key is null ? null : new ApiCaller(key.ClubId, key), null);
    }

    protected override ObjectResult Unauthenticated() => Error("A valid bearer token is required");
}

/// <summary>The Masivo key carries <paramref name="Permit"/>.</summary>
public sealed record MasivoRequirement(string Permit) : IAuthorizationRequirement;

public sealed class MasivoAuthorizationHandler : AuthorizationHandler<MasivoRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MasivoRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.Features.Get<ApiCaller>() is { } caller && caller.Has(requirement.Permit))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
