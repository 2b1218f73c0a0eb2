using Microsoft.AspNetCore.Authorization;
using Portal.Features.ApiKeys;

namespace Portal.Features.Devices;

/// <summary>
/// Protects a Masivo endpoint that takes <c>Authorization: Bearer</c> (a token from Authorize, or the club API key itself) and needs <see cref="Permit"/>; 401 in Masivo's format otherwise.
/// The action reads the key from <see cref="ApiCallerExtensions.ApiCaller"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MasivoBearerAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public MasivoBearerAttribute(string permit)
    {
        Permit = permit;
        AuthenticationSchemes = MasivoSchemes.Bearer;
    }

    public string Permit { get; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new MasivoRequirement(Permit)];
}
