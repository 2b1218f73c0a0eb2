using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;

namespace Portal.Features.MemberPasswords;

/// <summary>
/// Members' password hashes (ASP.NET Core Identity's PBKDF2, unchanged), computed at most <see cref="Concurrency"/> at a
/// time. A hash is tens of milliseconds of CPU by design. Unbounded, a burst of creates or sign-ins put one hash on every
/// thread-pool thread, and every other API call waited for a free thread behind them; here the burst queues
/// asynchronously (holding no thread), hashes run one per core, and the other calls find a thread at once.
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<Member> hasher) : IDisposable
{
    /// <summary>
    /// One hash per core: as many creates per second as unbounded hashing (the cores are the limit either way), while the
    /// thread pool keeps its other threads for the other calls.
    /// </summary>
    public static readonly int Concurrency = Environment.ProcessorCount;

    private readonly SemaphoreSlim gate = new(Concurrency, Concurrency);

    public async Task<string> HashAsync(Member member, string password, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            return hasher.HashPassword(member, password);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<PasswordVerificationResult> VerifyAsync(Member member, string hash, string password, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            return hasher.VerifyHashedPassword(member, hash, password);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
