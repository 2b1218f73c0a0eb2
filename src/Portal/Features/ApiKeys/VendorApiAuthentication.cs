using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Portal.Features.Applets;
using Portal.Features.Devices;
using Portal.Features.Placewise;

namespace Portal.Features.ApiKeys;

/// <summary>
/// One authentication scheme per vendor credential, and the authorization handlers behind the vendor attributes
/// (<c>[PlacewiseClient(permit)]</c>, <c>[PlacewiseMember]</c>, <c>[MasivoApiKey(permit)]</c>, <c>[MasivoBearer(permit)]</c>,
/// <c>[CentrapayApiKey(permit)]</c>). The schemes run only where an attribute names them: the default scheme stays
/// the Identity cookie of the pages.
/// </summary>
public static class VendorApiAuthentication
{
    public static AuthenticationBuilder AddVendorApiSchemes(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddSingleton<IAuthorizationHandler, PlacewiseAuthorizationHandler>();
        authentication.Services.AddSingleton<IAuthorizationHandler, MasivoAuthorizationHandler>();
        authentication.Services.AddSingleton<IAuthorizationHandler, CentrapayAuthorizationHandler>();
        return authentication
            .AddScheme<AuthenticationSchemeOptions, PlacewiseClientAuthenticationHandler>(PlacewiseSchemes.Client, null)
            .AddScheme<AuthenticationSchemeOptions, PlacewiseMemberAuthenticationHandler>(PlacewiseSchemes.Member, null)
            .AddScheme<AuthenticationSchemeOptions, PlacewiseClientAndMemberAuthenticationHandler>(PlacewiseSchemes.ClientAndMember, null)
            .AddScheme<AuthenticationSchemeOptions, MasivoApiKeyAuthenticationHandler>(MasivoSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, MasivoBearerAuthenticationHandler>(MasivoSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, CentrapayApiKeyAuthenticationHandler>(CentrapaySchemes.ApiKey, null);
    }
}
