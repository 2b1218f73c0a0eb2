using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Applets;
using Portal.Features.Devices;
using Portal.Features.Placewise;

namespace Portal.Tests.Security;

/// <summary>
/// The vendor APIs are protected by attributes naming a vendor authentication scheme: an endpoint added without one
/// (or without an explicit [AllowAnonymous]) fails here, before it can answer anyone.
/// </summary>
public class VendorApiProtectionTests(SecurityWebFactory factory) : IClassFixture<SecurityWebFactory>
{
    private static readonly string[] VendorSchemes =
        [PlacewiseSchemes.Client, PlacewiseSchemes.Member, PlacewiseSchemes.ClientAndMember, MasivoSchemes.ApiKey, MasivoSchemes.Bearer, CentrapaySchemes.ApiKey];

    [Fact]
    public void EveryApiEndpointNamesAVendorSchemeOrIsExplicitlyAnonymous()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && PortalWebApp.IsApiRequest("/" + raw.TrimStart('/')))
            .ToList();
        Assert.NotEmpty(endpoints);

        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => VendorSchemes.Contains(data.AuthenticationSchemes)))
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(unprotected);
    }

    [Fact]
    public void EveryVendorControllerActionCarriesAVendorAttribute()
    {
        var actions = typeof(PortalWebApp).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Mvc.ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute), true).Length > 0))
            .ToList();
        Assert.NotEmpty(actions);

        var unprotected = actions
            .Where(m => m.GetCustomAttributes(typeof(IAllowAnonymous), true).Length == 0)
            .Where(m => !m.GetCustomAttributes(typeof(IAuthorizeData), true).Concat(m.DeclaringType!.GetCustomAttributes(typeof(IAuthorizeData), true))
                .Cast<IAuthorizeData>().Any(data => VendorSchemes.Contains(data.AuthenticationSchemes)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task PagesKeepTheIdentityCookieAsTheDefaultScheme()
    {
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(IdentityConstants.ApplicationScheme, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal(IdentityConstants.ApplicationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        foreach (var scheme in VendorSchemes)
        {
            Assert.NotNull(await schemes.GetSchemeAsync(scheme));
        }
    }
}
