using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Operations;

namespace Portal.Tests.Data;

/// <summary>
/// SQLite writers queue on <see cref="SqliteWriteGate"/> instead of sleeping in SQLite's busy wait: every way a write
/// ends lets the next one in, a write inside a write never waits for itself, and reads are never held up.
/// Real contexts from the app's own pooled factory on a real file.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly TestDatabase database = new(postgresServer: null);
    private WebApplication host = null!;

    private SqliteWriteGate Gate => host.Services.GetRequiredService<SqliteWriteGate>();

    private IDbContextFactory<PortalDbContext> Contexts => host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async Task InitializeAsync()
    {
        host = PortalServices.BuildCliHost(database.Settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        database.Dispose();
    }

    private static LoyaltyClub Club(string slug) => new() { Slug = slug, Name = slug };

    private int Clubs(string slug) => (int)database.Scalar($"SELECT COUNT(*) FROM LoyaltyClubs WHERE Slug = '{slug}'");

    /// <summary>A second writer that must wait: started, then seen waiting on the gate (not finished).</summary>
    private async Task<Task> WaitingWriterAsync(string slug)
    {
        var writer = Task.Run(async () =>
        {
            await using var db = await Contexts.CreateDbContextAsync();
            db.Clubs.Add(Club(slug));
            await db.SaveChangesAsync();
        });
        await WaitUntilAsync(() => Gate.Waiting == 1 || writer.IsCompleted);
        Assert.False(writer.IsCompleted, "the second writer did not wait for the first");
        return writer;
    }

    // Waits on another thread's progress inside the app's own code; there is no event to await instead.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    [Fact]
    public void OnlySelectCountsAsARead()
    {
        Assert.False(SqliteWriteGate.Writes("SELECT 1"));
        Assert.False(SqliteWriteGate.Writes("\n  select \"m\".\"Id\" FROM \"Members\""));
        Assert.True(SqliteWriteGate.Writes("INSERT INTO \"LoyaltyClubs\" (\"Slug\") VALUES (@p0) RETURNING \"Id\";"));
        Assert.True(SqliteWriteGate.Writes("UPDATE \"DeviceTokens\" SET \"LastSeenAt\" = @p"));
        Assert.True(SqliteWriteGate.Writes("DELETE FROM \"OneTimeCodes\""));
        Assert.True(SqliteWriteGate.Writes("PRAGMA wal_checkpoint"));
    }

    [Fact]
    public async Task ASecondWriterWaitsForTheFirstTransactionsCommitAndThenWrites()
    {
        await using (var first = await Contexts.CreateDbContextAsync())
        {
            await using var transaction = await first.Database.BeginTransactionAsync();
            first.Clubs.Add(Club("first"));
            await first.SaveChangesAsync();
            Assert.True(Gate.IsHeld);

            var second = await WaitingWriterAsync("second");

            await transaction.CommitAsync();
            await second.WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(1, Clubs("first"));
        Assert.Equal(1, Clubs("second"));
        Assert.False(Gate.IsHeld);
    }

    [Fact]
    public async Task ARollbackLetsTheNextWriterIn()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Clubs.Add(Club("rolled-back"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(Gate.IsHeld);
        db.ChangeTracker.Clear();
        db.Clubs.Add(Club("after-rollback"));
        await db.SaveChangesAsync();
        Assert.Equal(0, Clubs("rolled-back"));
        Assert.Equal(1, Clubs("after-rollback"));
    }

    [Fact]
    public async Task ATransactionDisposedWithoutCommitIsReleasedWhenItsContextGoesBackToThePool()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            // The early return of a use case that found nothing to change: no commit, no rollback.
            var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO LoyaltyClubs (Slug, Name, DefaultLanguage, TimeZone, CreatedAt) VALUES ('abandoned', 'a', 'en', 'UTC', '2026-11-30')");
            await transaction.DisposeAsync();
        }

        Assert.False(Gate.IsHeld);
        await using var next = await Contexts.CreateDbContextAsync();
        next.Clubs.Add(Club("next"));
        await next.SaveChangesAsync();
        Assert.Equal(0, Clubs("abandoned"));
        Assert.Equal(1, Clubs("next"));
    }

    [Fact]
    public async Task SingleStatementsHoldTheGateOnlyWhileTheyRun()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.Clubs.Add(Club("single")); // one INSERT ... RETURNING, read through a data reader
        await db.SaveChangesAsync();
        Assert.False(Gate.IsHeld);

        var renamed = await db.Clubs.Where(c => c.Slug == "single").ExecuteUpdateAsync(c => c.SetProperty(x => x.Name, "Single"));
        Assert.Equal(1, renamed);
        Assert.False(Gate.IsHeld);

        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("DELETE FROM LoyaltyClubs WHERE Slug = 'single'"));
        Assert.False(Gate.IsHeld);
    }

    [Fact]
    public async Task AFailedWriteLetsTheNextWriterIn()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Clubs.Add(Club("twice"));
            await db.SaveChangesAsync();
        }
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Clubs.Add(Club("twice")); // the slug is unique
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.False(Gate.IsHeld);
        }
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO NoSuchTable VALUES (1)"));
            Assert.False(Gate.IsHeld);
        }
    }

    [Fact]
    public async Task ReadsAreNotHeldUpByAnOpenWrite()
    {
        await using var writer = await Contexts.CreateDbContextAsync();
        await using var transaction = await writer.Database.BeginTransactionAsync();
        writer.Clubs.Add(Club("uncommitted"));
        await writer.SaveChangesAsync();

        await using var reader = await Contexts.CreateDbContextAsync();
        var seen = await reader.Clubs.CountAsync(c => c.Slug == "uncommitted").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, seen);
        Assert.Equal(0, Gate.Waiting);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task AWriterThatCannotGetTheGateWithinTheCommandTimeoutFailsAsSqliteBusy()
    {
        await using var holder = await Contexts.CreateDbContextAsync();
        await using var transaction = await holder.Database.BeginTransactionAsync();

        await using var late = await Contexts.CreateDbContextAsync();
        late.Database.SetCommandTimeout(TimeSpan.FromSeconds(1));
        var failure = await Assert.ThrowsAsync<SqliteException>(() => late.Database.ExecuteSqlRawAsync("DELETE FROM LoyaltyClubs WHERE Slug = 'none'"));

        Assert.Equal(5, failure.SqliteErrorCode); // SQLITE_BUSY, what SQLite's own busy wait ends with
        Assert.True(Gate.IsHeld);
        await transaction.RollbackAsync();
        Assert.False(Gate.IsHeld);
    }

    [Fact]
    public void SynchronousWritesUseTheGateToo()
    {
        using var db = Contexts.CreateDbContext();
        using (var transaction = db.Database.BeginTransaction())
        {
            Assert.True(Gate.IsHeld);
            db.Clubs.Add(Club("sync"));
            db.SaveChanges();
            transaction.Commit();
        }
        Assert.False(Gate.IsHeld);
        Assert.Equal(1, Clubs("sync"));
    }
}
