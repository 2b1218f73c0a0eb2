using Microsoft.AspNetCore.Authorization;
using Portal.Features.ApiKeys;

namespace Portal.Features.Devices;

/// <summary>
/// Protects a Masivo endpoint that takes the club API key in <c>x-api-key</c> and needs <see cref="Permit"/>; 401 in Masivo's format otherwise.
/// The action reads the key from <see cref="ApiCallerExtensions.ApiCaller"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MasivoApiKeyAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public MasivoApiKeyAttribute(string permit)
    {
        Permit = permit;
        AuthenticationSchemes = MasivoSchemes.ApiKey;
    }

    public string Permit { get; }

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new MasivoRequirement(Permit)];
}
