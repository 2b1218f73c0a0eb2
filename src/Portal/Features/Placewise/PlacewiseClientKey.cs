using Portal.Features.ApiKeys;
using Portal.Features.Clubs;

namespace Portal.Features.Placewise;

/// <summary>The Placewise client token (<c>X-Client-Authorization</c>) as an active API key of the club in the path.</summary>
public static class PlacewiseClientKey
{
    /// <summary>
    /// The key, or null when it is unknown, revoked or another club's: a key of another club gets the same answer
    /// as a wrong key, so nothing says the club exists for it.
    /// </summary>
    public static async Task<ApiKeyService.ApiKeyInfo?> FindAsync(ApiKeyService keys, HttpContext http, ClubSummary club)
    {
        var key = await keys.FindActiveAsync(http.Request.Headers["X-Client-Authorization"].ToString(), http.RequestAborted);
        return key is not null && key.ClubSlug == club.Slug ? key : null;
    }
}
