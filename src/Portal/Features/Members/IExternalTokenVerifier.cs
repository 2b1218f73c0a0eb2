namespace Portal.Features.Members;

/// <summary>
/// Checks a social sign-in token (Apple, Google) with its provider. Verifying needs the providers' servers,
/// so the default answers "not verified" rather than trusting the token.
/// </summary>
public interface IExternalTokenVerifier
{
    Task<bool> VerifyAsync(string tokenType, string token, CancellationToken ct);
}

/// <summary>Used while no provider is configured: every external token is refused (Placewise status 468).</summary>
public sealed class UnconfiguredExternalTokenVerifier : IExternalTokenVerifier
{
    public Task<bool> VerifyAsync(string tokenType, string token, CancellationToken ct) => Task.FromResult(false);
}
