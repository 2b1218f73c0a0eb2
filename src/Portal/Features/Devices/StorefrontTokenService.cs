using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Portal.Features.ApiKeys;

namespace Portal.Features.Devices;

/// <summary>
/// Masivo's one-hour bearer tokens, traded for a club API key. The token is the key's id sealed with ASP.NET
/// Core Data Protection and a one-hour lifetime, so nothing is stored; it dies with the key when the key is revoked.
/// </summary>
public class StorefrontTokenService(IDataProtectionProvider protection, ApiKeyService keys, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Portal.Storefront.BearerToken.v1").ToTimeLimitedDataProtector();

    public string Issue(ApiKeyService.ApiKeyInfo key) =>
        protector.Protect(key.Id.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow() + Lifetime);

    /// <summary>The active key behind a bearer token, which may also be the API key itself; null when neither.</summary>
    public async Task<ApiKeyService.ApiKeyInfo?> AuthenticateAsync(string? bearer, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(bearer))
        {
            return null;
        }
        if (bearer.StartsWith("pk_", StringComparison.Ordinal))
        {
            return await keys.FindActiveAsync(bearer, ct);
        }
        try
        {
            var id = protector.Unprotect(bearer, out var expiration);
            return expiration > clock.GetUtcNow() && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var keyId)
                ? await keys.FindActiveByIdAsync(keyId, ct)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
