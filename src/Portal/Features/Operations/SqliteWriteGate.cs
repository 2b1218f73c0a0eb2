using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Features.Operations;

/// <summary>
/// One writer at a time inside this process, queued in memory. SQLite lets one connection write at a time; when a
/// second one tries, Microsoft.Data.Sqlite answers SQLITE_BUSY by sleeping on its thread and retrying, so under a burst
/// of writes (every app registering its token at a morning peak) threads sleep while the lock is free and the slowest
/// writer waits longest. Here a writer instead awaits a gate that the previous one opens the moment it is done: no
/// sleeping thread, first come first served. Reads are never gated (WAL lets them run beside the writer).
/// <para>
/// A write is an EF transaction (Microsoft.Data.Sqlite begins them IMMEDIATE, taking the write lock at once) or a
/// statement other than SELECT outside one. The gate is held from the transaction's start to its commit, rollback or
/// failure, or to its connection's close (a transaction disposed without either); a single statement holds it until
/// its command or reader ends. A connection that already holds the gate never waits for it again, so a statement run
/// inside a transaction, or after one that was disposed, cannot deadlock on its own connection.
/// </para>
/// <para>
/// Other processes on the same file (a second instance, a CLI verb) still meet SQLite's own busy wait. A writer that
/// cannot get the gate within the command timeout fails as SQLite's busy wait does: <see cref="SqliteException"/> with
/// SQLITE_BUSY. SQLite only: PostgreSQL locks rows, not the database.
/// </para>
/// </summary>
public sealed class SqliteWriteGate : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private const int SqliteBusy = 5;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holding> holdings = new();
    private readonly ConditionalWeakTable<DbTransaction, Holding> byTransaction = new();

    /// <summary>What a connection holds; a connection is used by one operation at a time, so no lock is needed.</summary>
    private sealed class Holding
    {
        public bool Held;
        public bool UntilCommandEnds;
    }

    private int waiting;

    /// <summary>Whether a write holds the gate now.</summary>
    public bool IsHeld => gate.CurrentCount == 0;

    /// <summary>Writers waiting for the gate.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    // ---- single statements outside a transaction ----

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    // A statement's write is committed when its command (or, for INSERT ... RETURNING, its reader) is done.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveAfterStatement(command.Connection);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveAfterStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        LeaveAfterStatement(command.Connection);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        LeaveAfterStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveAfterStatement(command.Connection);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveAfterStatement(command.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterStatement(command.Connection);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveAfterStatement(command.Connection);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfterStatement(command.Connection);
        return Task.CompletedTask;
    }

    // ---- transactions ----

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var holding = HoldingOf(connection);
        if (!holding.Held)
        {
            Enter(TimeoutOf(connection));
            holding.Held = true;
        }
        holding.UntilCommandEnds = false;
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var holding = HoldingOf(connection);
        if (!holding.Held)
        {
            await EnterAsync(TimeoutOf(connection), cancellationToken);
            holding.Held = true;
        }
        holding.UntilCommandEnds = false;
        return result;
    }

    // The connection is known at the start; commit and rollback name only the transaction (which has let go of its
    // connection by then), so the transaction is tied to what its connection holds.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        byTransaction.AddOrUpdate(result, HoldingOf(connection));
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        byTransaction.AddOrUpdate(result, HoldingOf(connection));
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => LeaveAfter(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfter(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => LeaveAfter(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfter(transaction);
        return Task.CompletedTask;
    }

    // A failed COMMIT or ROLLBACK leaves SQLite's transaction ended or to be rolled back on close; either way the
    // connection's close, which always follows, is the latest release, and an early one only lets the next writer try.
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => LeaveAfter(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveAfter(transaction);
        return Task.CompletedTask;
    }

    // ---- the gate ----

    /// <summary>
    /// Whether a statement run outside a transaction writes. Only SELECT reads; anything else (INSERT, UPDATE, DELETE,
    /// DDL, PRAGMA) is treated as a write: gating a statement that does not write only costs it a short wait.
    /// </summary>
    public static bool Writes(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return !text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }

    private bool NeedsGate(DbCommand command, out Holding holding)
    {
        holding = null!;
        if (command.Connection is not { } connection || command.Transaction is not null || !Writes(command.CommandText))
        {
            return false;
        }
        holding = HoldingOf(connection);
        return !holding.Held;
    }

    private void EnterForStatement(DbCommand command)
    {
        if (NeedsGate(command, out var holding))
        {
            Enter(TimeSpan.FromSeconds(command.CommandTimeout));
            holding.Held = true;
            holding.UntilCommandEnds = true;
        }
    }

    private async ValueTask EnterForStatementAsync(DbCommand command, CancellationToken ct)
    {
        if (NeedsGate(command, out var holding))
        {
            await EnterAsync(TimeSpan.FromSeconds(command.CommandTimeout), ct);
            holding.Held = true;
            holding.UntilCommandEnds = true;
        }
    }

    private void LeaveAfterStatement(DbConnection? connection)
    {
        if (connection is not null && holdings.TryGetValue(connection, out var holding) && holding.UntilCommandEnds)
        {
            Leave(holding);
        }
    }

    private void LeaveAfter(DbTransaction transaction)
    {
        if (byTransaction.TryGetValue(transaction, out var holding))
        {
            byTransaction.Remove(transaction);
            Leave(holding);
        }
    }

    // The connection's close is the latest release: EF closes it when a transaction is disposed without commit or
    // rollback (an early return) and when a pooled context is handed back, and raises no interception event for either.
    private Holding HoldingOf(DbConnection connection) => holdings.GetValue(connection, opened =>
    {
        var holding = new Holding();
        opened.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                Leave(holding);
            }
        };
        return holding;
    });

    private void Leave(Holding holding)
    {
        if (holding.Held)
        {
            holding.Held = false;
            holding.UntilCommandEnds = false;
            gate.Release();
        }
    }

    private void Enter(TimeSpan timeout)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            if (!gate.Wait(Infinite(timeout)))
            {
                throw Busy(timeout);
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private async ValueTask EnterAsync(TimeSpan timeout, CancellationToken ct)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            if (!await gate.WaitAsync(Infinite(timeout), ct))
            {
                throw Busy(timeout);
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    // A command timeout of 0 means "no limit" in ADO.NET.
    private static TimeSpan Infinite(TimeSpan timeout) => timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;

    private static TimeSpan TimeoutOf(DbConnection connection) =>
        TimeSpan.FromSeconds(connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30);

    private static SqliteException Busy(TimeSpan timeout) =>
        new($"database is locked: another write in this process held it for more than {timeout.TotalSeconds:0} s", SqliteBusy);
}
