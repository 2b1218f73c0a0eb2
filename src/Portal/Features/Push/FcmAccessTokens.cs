using System.Collections.Concurrent;
using Google.Apis.Auth.OAuth2;

namespace Portal.Features.Push;

/// <summary>
/// OAuth 2 access tokens for FCM from service-account keys, through Google.Apis.Auth. One credential per key
/// is kept; it caches its token and fetches a new one shortly before expiry. The key's <c>token_uri</c> is
/// honoured, which is how tests use a loopback token endpoint.
/// </summary>
public class FcmAccessTokens
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    private readonly ConcurrentDictionary<string, ServiceAccountCredential> credentials = new();

    public Task<string> GetAsync(ServiceAccountKey key, CancellationToken ct) =>
        credentials.GetOrAdd(Sha256Hex.Of(key.Json), _ => Create(key)).GetAccessTokenForRequestAsync(cancellationToken: ct);

    private static ServiceAccountCredential Create(ServiceAccountKey key)
    {
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(key.Json);
        return (ServiceAccountCredential)credential.ToGoogleCredential().CreateScoped(Scope).UnderlyingCredential;
    }
}
