using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Features.ApiKeys;

namespace Portal.Features.Placewise;

/// <summary>
/// Checks a Placewise "UserToken" request before the action runs: the club in the path exists, the
/// client token (<c>X-Client-Authorization</c>, a club API key) belongs to it and carries
/// <see cref="Permit"/>, and the product headers are there. Answers in Placewise's format otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseClientAttribute(string permit) : Attribute, IAsyncActionFilter
{
    public string Permit { get; } = permit;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var (club, clubError) = await PlacewiseRequestChecks.FindClubAsync(http, context.RouteData);
        if (clubError is not null)
        {
            context.Result = clubError;
            return;
        }

        var key = await http.RequestServices.GetRequiredService<ApiKeyService>()
            .FindActiveAsync(http.Request.Headers["X-Client-Authorization"].ToString(), http.RequestAborted);
        // A key of another club gets the same answer as a wrong key: nothing says the club exists for it.
        if (key is null || key.ClubSlug != club!.Slug)
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status401Unauthorized, "Invalid client token");
            return;
        }
        if (!key.Permits.Contains(Permit))
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status403Forbidden, $"Client token lacks the permit {Permit}");
            return;
        }

        var (product, subproduct, headerError) = PlacewiseRequestChecks.ProductHeaders(http);
        if (headerError is not null)
        {
            context.Result = headerError;
            return;
        }

        new PlacewiseClient(club, key, product!, subproduct).Store(http);
        await next();
    }
}
