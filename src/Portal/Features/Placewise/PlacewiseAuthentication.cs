using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Features.ApiKeys;
using Portal.Features.Members;
using Portal.Features.MemberTokens;

namespace Portal.Features.Placewise;

public static class PlacewiseSchemes
{
    /// <summary>"UserToken": <c>X-Client-Authorization</c> = a club API key of the club in the path.</summary>
    public const string Client = "PlacewiseClient";

    /// <summary>"TokenMember": <c>Authorization: Bearer &lt;access token&gt;</c> of a member of the club in the path.</summary>
    public const string Member = "PlacewiseMember";

    /// <summary>Both at once: the client token (with its permit) and the member token, as "Register Member App Token" asks.</summary>
    public const string ClientAndMember = "PlacewiseClientAndMember";
}

/// <summary>
/// The club in the path exists (404; 400 when <c>X-Loyalty-Club-Slug</c> disagrees) and the client token is a key
/// of that club (401 otherwise).
/// </summary>
public sealed class PlacewiseClientAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : ApiAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        var (club, clubError) = await PlacewiseRequestChecks.FindClubAsync(Context, Context.GetRouteData());
        if (clubError is not null)
        {
            return (null, clubError);
        }
        var key = await PlacewiseClientKey.FindAsync(keys, Context, club!);
        return key is null ? (null, Unauthenticated()) : (new ApiCaller(club!.Id, key, club), null);
    }

    protected override ObjectResult Unauthenticated() => PlacewiseErrors.Error(StatusCodes.Status401Unauthorized, "Invalid client token");

    protected override ObjectResult Forbidden() => PlacewiseErrors.Error(StatusCodes.Status403Forbidden, "Forbidden");
}

/// <summary>The club in the path exists and the bearer token is a live member token of it (460 otherwise).</summary>
public sealed class PlacewiseMemberAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MemberTokenService tokens)
    : ApiAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        var (club, clubError) = await PlacewiseRequestChecks.FindClubAsync(Context, Context.GetRouteData());
        if (clubError is not null)
        {
            return (null, clubError);
        }
        var token = await tokens.AuthenticateAsync(club!.Id, BearerToken.From(Request), Context.RequestAborted);
        return token is null ? (null, Unauthenticated()) : (new ApiCaller(club.Id, null, club, token), null);
    }

    protected override ObjectResult Unauthenticated() => PlacewiseErrors.InvalidMemberTokenError();

    protected override ObjectResult Forbidden() => PlacewiseErrors.Error(StatusCodes.Status403Forbidden, "Forbidden");
}

/// <summary>
/// The club in the path exists, the client token is a key of that club (401 otherwise) and the bearer token is a
/// live member token of it (460 otherwise): one caller carrying both, so the permit and the ban are checked together.
/// </summary>
public sealed class PlacewiseClientAndMemberAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys, MemberTokenService tokens)
    : ApiAuthenticationHandler(options, logger, encoder)
{
    protected override async Task<(ApiCaller? Caller, ObjectResult? Denial)> AuthenticateCallerAsync()
    {
        var (club, clubError) = await PlacewiseRequestChecks.FindClubAsync(Context, Context.GetRouteData());
        if (clubError is not null)
        {
            return (null, clubError);
        }
        var key = await PlacewiseClientKey.FindAsync(keys, Context, club!);
        if (key is null)
        {
            return (null, Unauthenticated());
        }
        var token = await tokens.AuthenticateAsync(club!.Id, BearerToken.From(Request), Context.RequestAborted);
        return token is null
            ? (null, PlacewiseErrors.InvalidMemberTokenError())
            : (new ApiCaller(club.Id, key, club, token), null);
    }

    protected override ObjectResult Unauthenticated() => PlacewiseErrors.Error(StatusCodes.Status401Unauthorized, "Invalid client token");

    protected override ObjectResult Forbidden() => PlacewiseErrors.Error(StatusCodes.Status403Forbidden, "Forbidden");
}

/// <summary>
/// What a Placewise endpoint asks of an authenticated caller, in the order Placewise answers: the client token's
/// permit (403), the member not banned (467), then the product headers (470/471).
/// </summary>
public sealed record PlacewiseRequirement(string? Permit) : IAuthorizationRequirement;

public sealed class PlacewiseAuthorizationHandler(TimeProvider clock) : AuthorizationHandler<PlacewiseRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlacewiseRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<ApiCaller>() is not { Club: { } club } caller)
        {
            return Task.CompletedTask;
        }
        if (requirement.Permit is { } permit && !caller.Has(permit))
        {
            return Refuse(context, http, PlacewiseErrors.Error(StatusCodes.Status403Forbidden, $"Client token lacks the permit {permit}"));
        }
        if (MemberBan.IsInForce(caller.MemberToken?.BannedUntil, clock))
        {
            return Refuse(context, http, PlacewiseErrors.Banned(caller.MemberToken!.BannedUntil!.Value, club.TimeZone));
        }
        var (product, subproduct, headerError) = PlacewiseRequestChecks.ProductHeaders(http);
        if (headerError is not null)
        {
            return Refuse(context, http, headerError);
        }
        if (caller.MemberToken is { } token)
        {
            new PlacewiseMember(club, token.MemberId, token.TokenId, product!).Store(http);
        }
        if (caller.Key is { } key)
        {
            new PlacewiseClient(club, key, product!, subproduct).Store(http);
        }
        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static Task Refuse(AuthorizationHandlerContext context, HttpContext http, ObjectResult answer)
    {
        ApiAuthenticationHandler.Deny(http, answer);
        context.Fail();
        return Task.CompletedTask;
    }
}
