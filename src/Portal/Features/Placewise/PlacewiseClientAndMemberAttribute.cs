using Microsoft.AspNetCore.Authorization;

namespace Portal.Features.Placewise;

/// <summary>
/// Protects a Placewise endpoint that the seed gives both an API permit and "TokenMember" (Register Member App
/// Token): the client token of the club in the path with <see cref="Permit"/> (401/403) and a member token of the
/// same club (460), a member who is not banned (467), and the product headers. The action reads both
/// <see cref="PlacewiseClient.From"/> and <see cref="PlacewiseMember.From"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseClientAndMemberAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public PlacewiseClientAndMemberAttribute(string permit)
    {
        Permit = permit;
        AuthenticationSchemes = PlacewiseSchemes.ClientAndMember;
    }

    public string Permit { get; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PlacewiseRequirement(Permit)];
}
