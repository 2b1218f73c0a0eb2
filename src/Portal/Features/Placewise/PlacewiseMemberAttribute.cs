using Microsoft.AspNetCore.Authorization;

namespace Portal.Features.Placewise;

/// <summary>
/// Protects a Placewise "TokenMember" endpoint: <c>Authorization: Bearer &lt;access token&gt;</c> of a member of the
/// club in the path (460 when invalid or expired), a member who is not banned (467), and the product headers.
/// The action reads <see cref="PlacewiseMember.From"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlacewiseMemberAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public PlacewiseMemberAttribute() => AuthenticationSchemes = PlacewiseSchemes.Member;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new PlacewiseRequirement(Permit: null)];
}
