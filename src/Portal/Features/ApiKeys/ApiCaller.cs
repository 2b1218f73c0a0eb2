using Portal.Features.Clubs;
using Portal.Features.MemberTokens;

namespace Portal.Features.ApiKeys;

/// <summary>
/// Who calls a vendor API, as its authentication handler found it: resolved once per request and handed to the
/// controller through <see cref="ApiCallerExtensions.ApiCaller"/>, so nothing reads the key headers or queries
/// for the key again.
/// </summary>
/// <param name="ClubId">The club the credential belongs to; every query of the request is scoped to it.</param>
/// <param name="Key">The API key presented (directly or through a Masivo bearer token); null for a member token.</param>
/// <param name="Club">The club of the path, for the Placewise APIs (which name it in the URL).</param>
/// <param name="MemberToken">The member token, for the Placewise member APIs.</param>
public sealed record ApiCaller(int ClubId, ApiKeyService.ApiKeyInfo? Key, ClubSummary? Club = null, MemberTokenService.TokenInfo? MemberToken = null)
{
    public bool Has(string permit) => Key is not null && Key.Permits.Contains(permit);

    /// <summary>
    /// A key created for one account (<c>Portal apikeys create ... --account ID</c>) acts for that account only;
    /// a club-wide key acts for any account of its club. The one place this rule is written.
    /// </summary>
    public bool ActsFor(string? accountId) => Key?.AccountId is null || Key.AccountId == accountId;

    /// <summary>The caller as the actor of the use cases the request asks for: its key, else its member.</summary>
    public Audit.Actor Actor(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        return Key is { } key
            ? Audit.Actor.ApiKey(key.Id, key.Name, ClubId, key.Permits, null, address)
            : Audit.Actor.Member(MemberToken!.MemberId, ClubId, null, address);
    }
}

public static class ApiCallerExtensions
{
    /// <summary>The authenticated caller of a vendor API endpoint.</summary>
    public static ApiCaller ApiCaller(this HttpContext http) =>
        http.Features.Get<ApiCaller>()
        ?? throw new InvalidOperationException("The endpoint is not protected by a vendor API attribute ([PlacewiseClient], [PlacewiseMember], [MasivoApiKey], [MasivoBearer], [CentrapayApiKey]).");

    internal static void SetApiCaller(this HttpContext http, ApiCaller caller) => http.Features.Set(caller);
}
