using Microsoft.AspNetCore.Mvc;
using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>The checks every Placewise endpoint makes, whichever token it takes.</summary>
public static class PlacewiseRequestChecks
{
    public const string SlugRouteKey = "loyalty_club_slug";
    private const int MaxHeaderLength = 100;

    /// <summary>The club named in the path, or a 404/400 answer.</summary>
    public static async Task<(ClubSummary? Club, ObjectResult? Error)> FindClubAsync(HttpContext http, RouteData route)
    {
        var slug = route.Values[SlugRouteKey] as string;
        var club = await http.RequestServices.GetRequiredService<ClubDirectory>().FindAsync(slug, http.RequestAborted);
        if (club is null)
        {
            return (null, PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Loyalty club not found"));
        }
        if (http.Request.Headers["X-Loyalty-Club-Slug"].ToString() is { Length: > 0 } headerSlug && headerSlug != slug)
        {
            return (null, PlacewiseErrors.Error(StatusCodes.Status400BadRequest, "X-Loyalty-Club-Slug does not match the loyalty club in the path"));
        }
        return (club, null);
    }

    /// <summary><c>X-Product-Name</c> and <c>X-User-Agent</c> are required (470 when missing, 471 when malformed).</summary>
    public static (string? Product, string? Subproduct, ObjectResult? Error) ProductHeaders(HttpContext http)
    {
        var product = Header(http, "X-Product-Name", required: true, out var productError);
        Header(http, "X-User-Agent", required: true, out var agentError);
        var subproduct = Header(http, "X-Subproduct-Name", required: false, out var subproductError);
        return (product, subproduct, productError ?? agentError ?? subproductError);
    }

    private static string? Header(HttpContext http, string name, bool required, out ObjectResult? error)
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
