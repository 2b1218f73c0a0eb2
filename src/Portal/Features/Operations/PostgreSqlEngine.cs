using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Data;

namespace Portal.Features.Operations;

/// <summary>PostgreSQL: the key ring in the database (shared by every instance), backups by <c>pg_dump</c>.</summary>
public sealed class PostgreSqlEngine(string connectionString) : DatabaseEngine(connectionString)
{
    public override PortalDatabaseProvider Provider => PortalDatabaseProvider.PostgreSql;

    public override string? DefaultKeysFolder => null;

    /// <summary>
    /// <c>pg_dump</c>'s custom format (restore with <c>pg_restore</c>), a consistent snapshot while the app writes. The
    /// connection goes through libpq's environment variables, so no password appears in a process list.
    /// </summary>
    public override async Task BackupAsync(PortalDbContext db, string destination, CancellationToken ct)
    {
        var target = NewBackupFile(destination);
        var pgDump = FindOnPath("pg_dump")
            ?? throw new InvalidOperationException("db backup on PostgreSQL runs pg_dump, which is not on the PATH. Install PostgreSQL's "
                + "client tools (Debian: apt-get install postgresql-client) or back up with your server's own tooling.");

        var start = new ProcessStartInfo(pgDump)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--format=custom", "--no-owner", $"--file={target}" })
        {
            start.ArgumentList.Add(argument);
        }
        var connection = new NpgsqlConnectionStringBuilder(ConnectionString);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        if (connection.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {pgDump}.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            File.Delete(target);
            throw new InvalidOperationException($"pg_dump failed (exit code {process.ExitCode}): {(await errors).Trim()}");
        }
    }

    /// <summary>Identity columns hand out ids from sequences that know nothing of rows copied in with their ids.</summary>
    public override async Task AfterCopyAsync(PortalDbContext db, CancellationToken ct)
    {
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var key = entity.FindPrimaryKey();
            if (table is null || key is not { Properties.Count: 1 } || key.Properties[0].ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never
                || key.Properties[0].ClrType is var type && type != typeof(int) && type != typeof(long))
            {
                continue;
            }
            var column = key.Properties[0].GetColumnName();
            // Table and column names come from the model, not from input; quoted as identifiers.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), coalesce(max(\"{column}\"), 0) + 1, false) FROM \"{table}\"", ct);
#pragma warning restore EF1002
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
