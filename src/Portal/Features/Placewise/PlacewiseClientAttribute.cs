using Microsoft.AspNetCore.Authorization;

namespace Portal.Features.Placewise;

/// <summary>
/// Protects a Placewise "UserToken" endpoint: the club in the path exists, the client token
/// (<c>X-Client-Authorization</c>, a club API key) belongs to it and carries <see cref="Permit"/>, and the product
/// headers are there. Answers in Placewise's format otherwise; the action reads <see cref="PlacewiseClient.From"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseClientAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public PlacewiseClientAttribute(string permit)
    {
        Permit = permit;
        AuthenticationSchemes = PlacewiseSchemes.Client;
    }

    public string Permit { get; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PlacewiseRequirement(Permit)];
}
