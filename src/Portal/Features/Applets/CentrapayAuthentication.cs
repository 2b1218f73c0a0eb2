using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Features.ApiKeys;

namespace Portal.Features.Applets;

public static class CentrapaySchemes
{
    /// <summary><c>x-api-key</c> = a club API key.</summary>
    public const string ApiKey = "CentrapayApiKey";
}

/// <summary>Centrapay's <c>x-api-key</c>: 401 when missing or wrong, 403 when refused, in Centrapay's error shape.</summary>
public sealed class CentrapayApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder, ApiKeyService keys)
    : ApiAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        return (await ApiKeyHeaderCallerAsync(keys), null);
    }

    protected override ObjectResult Unauthenticated() => CentrapayError.Result(StatusCodes.Status401Unauthorized, "A valid x-api-key is required");

    protected override ObjectResult Forbidden() => CentrapayError.Result(StatusCodes.Status403Forbidden, "The API key may not do this");

}

/// <summary>
/// The key carries <paramref name="Permit"/>; with <paramref name="AccountRouteValue"/>, the account named by that
/// route value is one the key acts for (<see cref="ApiCaller.ActsFor"/>).
/// </summary>
public sealed record CentrapayRequirement(string Permit, string? AccountRouteValue) : IAuthorizationRequirement;

public sealed class CentrapayAuthorizationHandler : AuthorizationHandler<CentrapayRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CentrapayRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<ApiCaller>() is not { } caller)
        {
            return Task.CompletedTask;
        }
        if (!caller.Has(requirement.Permit))
        {
            ApiAuthenticationHandler.Deny(http, CentrapayError.Result(StatusCodes.Status403Forbidden, $"The API key lacks the permit {requirement.Permit}"));
            context.Fail();
        }
        else if (requirement.AccountRouteValue is { } routeValue && !caller.ActsFor(http.GetRouteValue(routeValue) as string))
        {
            ApiAuthenticationHandler.Deny(http, CentrapayError.Result(StatusCodes.Status403Forbidden, "This API key acts for another account"));
            context.Fail();
        }
        else
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
