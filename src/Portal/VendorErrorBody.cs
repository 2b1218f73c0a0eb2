using Microsoft.AspNetCore.WebUtilities;
using Portal.Features.Applets;
using Portal.Features.Devices;

namespace Portal;

/// <summary>
/// The error body of an answer the framework gives before (or instead of) an endpoint: a bare 404, 405, 413, 415
/// or 429. Apps on a seed surface read that surface's format whatever went wrong, so each gets its own; the rest
/// of the API answers ProblemDetails (null here).
/// </summary>
public static class VendorErrorBody
{
    public static object? For(PathString path, int status, string? message = null)
    {
        message ??= ReasonPhrases.GetReasonPhrase(status);
        if (path.StartsWithSegments("/v3"))
        {
            return new { error = message };
        }
        if (path.StartsWithSegments("/api/storefront") || path.StartsWithSegments("/auth"))
        {
            return new MasivoError(message);
        }
        if (path.StartsWithSegments("/api/applets") || path.StartsWithSegments("/api/accounts") || path.StartsWithSegments("/api/applet-memberships"))
        {
            return CentrapayError.For(status, message);
        }
        return null;
    }
}
