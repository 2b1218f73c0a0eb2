using Microsoft.AspNetCore.Identity;
using Portal.Data.Entities;
using Portal.Features.MemberPasswords;

namespace Portal.Tests.Members;

public class PasswordHashingTests
{
    /// <summary>A hasher that holds every hash until released, counting how many run at once.</summary>
    private sealed class HeldHasher : IPasswordHasher<Member>
    {
        private readonly ManualResetEventSlim release = new();
        private int running;

        public SemaphoreSlim Entered { get; } = new(0);

        public int MostAtOnce { get; private set; }

        public int Calls { get; private set; }

        public bool RanOnAPoolThread { get; private set; }

        public void Release() => release.Set();

        public string HashPassword(Member user, string password)
        {
            lock (this)
            {
                running++;
                Calls++;
                MostAtOnce = Math.Max(MostAtOnce, running);
                RanOnAPoolThread |= Thread.CurrentThread.IsThreadPoolThread;
            }
            Entered.Release();
            release.Wait(TimeSpan.FromSeconds(30));
            lock (this)
            {
                running--;
            }
            return "hash:" + password;
        }

        public PasswordVerificationResult VerifyHashedPassword(Member user, string hashedPassword, string providedPassword) =>
            HashPassword(user, providedPassword) == hashedPassword ? PasswordVerificationResult.Success : PasswordVerificationResult.Failed;
    }

    [Fact]
    public async Task NoMoreHashesRunAtOnceThanThereAreCoresAndTheRestWaitTheirTurn()
    {
        var hasher = new HeldHasher();
        using var hashing = new PasswordHashing(hasher);
        var burst = Enumerable.Range(0, PasswordHashing.Concurrency * 3)
            .Select(i => Task.Run(() => hashing.HashAsync(new Member(), $"password-{i}")))
            .ToList();

        for (var i = 0; i < PasswordHashing.Concurrency; i++)
        {
            Assert.True(await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30)), "the first hashes did not start");
        }
        // The gate is full: no further hash starts while these are held (a bounded wait for one that must not come).
        Assert.False(await hasher.Entered.WaitAsync(TimeSpan.FromMilliseconds(300)));
        Assert.DoesNotContain(burst, task => task.IsCompleted);

        hasher.Release();
        var hashes = await Task.WhenAll(burst);

        Assert.Equal(PasswordHashing.Concurrency, hasher.MostAtOnce);
        Assert.Equal(Enumerable.Range(0, PasswordHashing.Concurrency * 3).Select(i => $"hash:password-{i}"), hashes);
        Assert.Equal(Environment.ProcessorCount, PasswordHashing.Concurrency);
        // The hashes ran on threads of their own: the thread pool's few threads stayed free for the other requests.
        Assert.False(hasher.RanOnAPoolThread);
    }

    [Fact]
    public async Task AQueuedHashWhoseCallerGaveUpIsNeverComputed()
    {
        var hasher = new HeldHasher();
        using var hashing = new PasswordHashing(hasher);
        var running = Enumerable.Range(0, PasswordHashing.Concurrency).Select(i => hashing.HashAsync(new Member(), $"running-{i}")).ToList();
        for (var i = 0; i < PasswordHashing.Concurrency; i++)
        {
            Assert.True(await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30)), "the first hashes did not start");
        }
        using var gaveUp = new CancellationTokenSource();
        var queued = hashing.HashAsync(new Member(), "abandoned", gaveUp.Token);

        await gaveUp.CancelAsync();
        hasher.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Task.WhenAll(running);
        Assert.Equal(PasswordHashing.Concurrency, hasher.Calls);
    }
}
