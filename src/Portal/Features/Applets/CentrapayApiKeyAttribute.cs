using Microsoft.AspNetCore.Authorization;
using Portal.Features.ApiKeys;

namespace Portal.Features.Applets;

/// <summary>
/// Protects a Centrapay endpoint: <c>x-api-key</c> is a club API key (401) carrying <see cref="Permit"/> (403) and,
/// when <see cref="AccountRouteValue"/> names a route value, acting for that account (403). The action reads the
/// key from <see cref="ApiCallerExtensions.ApiCaller"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CentrapayApiKeyAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public CentrapayApiKeyAttribute(string permit)
    {
        Permit = permit;
        AuthenticationSchemes = CentrapaySchemes.ApiKey;
    }

    public string Permit { get; }

    /// <summary>The route value holding the account id the request acts for, if the path names one.</summary>
    public string? AccountRouteValue { get; set; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new CentrapayRequirement(Permit, AccountRouteValue)];
}
