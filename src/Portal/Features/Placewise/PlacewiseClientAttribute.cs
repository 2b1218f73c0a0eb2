using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>
/// Checks a Placewise "UserToken" request before the action runs: the club in the path exists, the
/// client token (<c>X-Client-Authorization</c>, a club API key) belongs to it and carries
/// <see cref="Permit"/>, and the product headers are there. Answers in Placewise's format otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseClientAttribute(string permit) : Attribute, IAsyncActionFilter
{
    public const string SlugRouteKey = "loyalty_club_slug";
    private const int MaxHeaderLength = 100;

    public string Permit { get; } = permit;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var slug = context.RouteData.Values[SlugRouteKey] as string;
        var db = http.RequestServices.GetRequiredService<PortalDbContext>();
        var club = await db.Clubs.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new ClubSummary(c.Id, c.Slug, c.Name, c.DefaultLanguage, c.TimeZone))
            .SingleOrDefaultAsync(http.RequestAborted);
        if (club is null)
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Loyalty club not found");
            return;
        }
        if (http.Request.Headers["X-Loyalty-Club-Slug"] is { Count: > 0 } headerSlug && headerSlug.ToString().Length > 0 && headerSlug != slug)
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status400BadRequest, "X-Loyalty-Club-Slug does not match the loyalty club in the path");
            return;
        }

        var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
        var key = await keys.FindActiveAsync(http.Request.Headers["X-Client-Authorization"].ToString(), http.RequestAborted);
        // A key of another club gets the same answer as a wrong key: nothing says the club exists for it.
        if (key is null || key.ClubSlug != club.Slug)
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status401Unauthorized, "Invalid client token");
            return;
        }
        if (!key.Permits.Contains(Permit))
        {
            context.Result = PlacewiseErrors.Error(StatusCodes.Status403Forbidden, $"Client token lacks the permit {Permit}");
            return;
        }

        var product = CheckHeader(http, "X-Product-Name", required: true, out var productError);
        var userAgent = CheckHeader(http, "X-User-Agent", required: true, out var agentError);
        var subproduct = CheckHeader(http, "X-Subproduct-Name", required: false, out var subproductError);
        if ((productError ?? agentError ?? subproductError) is { } headerError)
        {
            context.Result = headerError;
            return;
        }

        new PlacewiseClient(club, key, product!, subproduct).Store(http);
        _ = userAgent;
        await next();
    }

    private static string? CheckHeader(HttpContext http, string name, bool required, out Microsoft.AspNetCore.Mvc.ObjectResult? error)
    {
        error = null;
        var values = http.Request.Headers[name];
        var value = values.ToString().Trim();
        if (value.Length == 0)
        {
            if (required)
            {
                error = PlacewiseErrors.Error(PlacewiseErrors.MissingHeader, $"Missing header {name}");
            }
            return null;
        }
        if (values.Count > 1 || value.Length > MaxHeaderLength || value.Any(char.IsControl))
        {
            error = PlacewiseErrors.Error(PlacewiseErrors.MalformedHeader, $"Malformed header {name}");
            return null;
        }
        return value;
    }
}
