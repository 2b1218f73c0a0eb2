using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Features.Members;

namespace Portal.Features.Placewise;

/// <summary>
/// Checks a Placewise "TokenMember" request: <c>Authorization: Bearer &lt;access token&gt;</c> of a member of the
/// club in the path (460 when invalid or expired), a member who is not banned (467), and the product headers.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseMemberAttribute : Attribute, IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var (club, clubError) = await PlacewiseRequestChecks.FindClubAsync(http, context.RouteData);
        if (clubError is not null)
        {
            context.Result = clubError;
            return;
        }

        var token = await http.RequestServices.GetRequiredService<MemberTokenService>().AuthenticateAsync(club!.Id, BearerToken.From(http.Request), http.RequestAborted);
        if (token is null)
        {
            context.Result = PlacewiseErrors.Error(PlacewiseErrors.InvalidMemberToken, "Invalid or expired member token");
            return;
        }
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        if (token.BannedUntil is { } bannedUntil && bannedUntil > clock.GetUtcNow().UtcDateTime)
        {
            context.Result = PlacewiseErrors.Banned(bannedUntil, club.TimeZone);
            return;
        }

        var (product, _, headerError) = PlacewiseRequestChecks.ProductHeaders(http);
        if (headerError is not null)
        {
            context.Result = headerError;
            return;
        }
        new PlacewiseMember(club, token.MemberId, token.TokenId, product!).Store(http);
        await next();
    }
}
