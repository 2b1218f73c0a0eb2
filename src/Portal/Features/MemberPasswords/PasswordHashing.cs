using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;

namespace Portal.Features.MemberPasswords;

/// <summary>
/// Members' password hashes (ASP.NET Core Identity's PBKDF2, unchanged), computed at most <see cref="Concurrency"/> at a
/// time on threads of their own. A hash is tens of milliseconds of CPU by design. Unbounded, a burst of creates or
/// sign-ins put one hash on every thread-pool thread, and every other API call waited for a free thread behind them.
/// Bounded but on pool threads, the hashes still held the pool's few threads (as many as cores), so the continuation of
/// every other request, the SQLite write gate's hand-over included, waited for the pool to add threads (about two a
/// second): token registration during a burst of creates fell to a third of its rate. On their own threads the hashes
/// take only CPU time, which the operating system shares with the request threads, and the burst queues without holding
/// any thread.
/// </summary>
public sealed class PasswordHashing : IDisposable
{
    /// <summary>
    /// One hash per core: as many creates per second as unbounded hashing (the cores are the limit either way).
    /// </summary>
    public static readonly int Concurrency = Environment.ProcessorCount;

    private readonly IPasswordHasher<Member> hasher;
    private readonly BlockingCollection<Action> work = new();
    private readonly Thread[] threads;

    public PasswordHashing(IPasswordHasher<Member> hasher)
    {
        this.hasher = hasher;
        threads = Enumerable.Range(1, Concurrency)
            .Select(n => new Thread(HashUntilDisposed) { IsBackground = true, Name = $"Password hashing {n}" })
            .ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    public Task<string> HashAsync(Member member, string password, CancellationToken ct = default) =>
        RunAsync(() => hasher.HashPassword(member, password), ct);

    public Task<PasswordVerificationResult> VerifyAsync(Member member, string hash, string password, CancellationToken ct = default) =>
        RunAsync(() => hasher.VerifyHashedPassword(member, hash, password), ct);

    private Task<T> RunAsync<T>(Func<T> compute, CancellationToken ct)
    {
        // The caller resumes on the thread pool, never on a hashing thread, which goes straight on to the next hash.
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            if (ct.IsCancellationRequested)
            {
                result.TrySetCanceled(ct);
                return;
            }
            try
            {
                result.TrySetResult(compute());
            }
            catch (Exception failure)
            {
                result.TrySetException(failure);
            }
        }, ct);
        return result.Task;
    }

    private void HashUntilDisposed()
    {
        foreach (var next in work.GetConsumingEnumerable())
        {
            next();
        }
    }

    public void Dispose()
    {
        work.CompleteAdding();
        // A thread still inside a hash after the wait finishes it and then finds the queue completed; disposing the queue
        // under it would throw on that thread, so the queue is disposed only once every thread has left.
        if (threads.All(thread => thread.Join(TimeSpan.FromSeconds(5))))
        {
            work.Dispose();
        }
    }
}
