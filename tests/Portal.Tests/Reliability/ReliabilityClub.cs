using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using Portal.Features.Operations;
using Portal.Features.Schema;

namespace Portal.Tests.Reliability;

/// <summary>
/// A club with two consents and an API key on a fresh database, and the checks every reliability test makes on it
/// afterwards: on a SQLite file (also a backup copy) or on the test database, either engine.
/// </summary>
public static class ReliabilityClub
{
    public const string Slug = "load-mall";
    public const string NewsConsent = "news";
    public const string SmsConsent = "sms_offers";

    /// <summary>Creates the club and returns a club API key with every permit.</summary>
    public static async Task<string> CreateAsync(TestDatabase database)
    {
        string key;
        await using (var host = PortalServices.BuildCliHost(database.Settings))
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
            var club = await scope.ServiceProvider.GetRequiredService<ClubService>().CreateAsync(Slug, "Load Mall", Actor.System, "no", "Europe/Oslo");
            var schemas = scope.ServiceProvider.GetRequiredService<ClubSchemaService>();
            await schemas.SaveConsentAsync(club.Id, NewsConsent, "News", "News by e-mail", true, Actor.System);
            await schemas.SaveConsentAsync(club.Id, SmsConsent, "SMS offers", "Offers by SMS", true, Actor.System);
            // In process rather than through the apikeys verb: a process start costs seconds on a busy CI machine.
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(Slug, "Load test app", null, null, Actor.System)).Value!.Key;
        }
        // The app process opens the file next; this process keeps no connection to it.
        SqliteConnection.ClearAllPools();
        return key;
    }

    /// <summary>What <c>PRAGMA integrity_check</c> says about the file ("ok" when sound).</summary>
    public static string IntegrityCheck(string databasePath) => Text(databasePath, "PRAGMA integrity_check;");

    /// <summary>
    /// Members of the club missing part of what one create writes in one transaction (two consent answers, their
    /// two history rows, the welcome e-mail), plus welcome e-mails and consent rows without their member.
    /// </summary>
    public static long HalfWrittenRows(string databasePath) => HalfWrittenRows(SqliteFile(databasePath));

    /// <inheritdoc cref="HalfWrittenRows(string)"/>
    public static long HalfWrittenRows(TestDatabase database) => HalfWrittenRows(OnEngine(database));

    private static long HalfWrittenRows(Queries db) => db.Scalar($"""
        SELECT
          (SELECT COUNT(*) FROM Members m JOIN LoyaltyClubs c ON c.Id = m.ClubId AND c.Slug = '{Slug}'
            WHERE (SELECT COUNT(*) FROM MemberConsents mc WHERE mc.MemberId = m.Id) <> 2
               OR (SELECT COUNT(*) FROM ConsentChanges cc WHERE cc.MemberId = m.Id) <> 2
               OR (SELECT COUNT(*) FROM OutboxMessages o WHERE o.ClubId = m.ClubId AND o.Recipient = m.Email AND o.Purpose = 'welcome') <> 1)
        + (SELECT COUNT(*) FROM OutboxMessages o JOIN LoyaltyClubs c ON c.Id = o.ClubId AND c.Slug = '{Slug}'
            WHERE o.Purpose = 'welcome' AND NOT EXISTS (SELECT 1 FROM Members m WHERE m.ClubId = o.ClubId AND m.Email = o.Recipient))
        + (SELECT COUNT(*) FROM ConsentChanges cc WHERE cc.MemberId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM Members m WHERE m.Id = cc.MemberId))
        """);

    public static long MemberCount(string databasePath) => MemberCount(SqliteFile(databasePath));

    public static long MemberCount(TestDatabase database) => MemberCount(OnEngine(database));

    private static long MemberCount(Queries db) =>
        db.Scalar($"SELECT COUNT(*) FROM Members m JOIN LoyaltyClubs c ON c.Id = m.ClubId WHERE c.Slug = '{Slug}'");

    /// <summary>The acknowledged members missing from the file (e-mail and id must both match).</summary>
    public static IReadOnlyList<string> MissingMembers(string databasePath, IReadOnlyDictionary<string, long> acked) =>
        MissingMembers(SqliteFile(databasePath), acked);

    public static IReadOnlyList<string> MissingMembers(TestDatabase database, IReadOnlyDictionary<string, long> acked) =>
        MissingMembers(OnEngine(database), acked);

    private static IReadOnlyList<string> MissingMembers(Queries db, IReadOnlyDictionary<string, long> acked)
    {
        var stored = db.Rows("SELECT Email, Id FROM Members").ToDictionary(r => r.Item1, r => r.Item2);
        return acked.Where(a => !stored.TryGetValue(a.Key, out var id) || id != a.Value).Select(a => a.Key).ToList();
    }

    /// <summary>The acknowledged tokens not stored as the member's active token.</summary>
    public static IReadOnlyList<string> MissingTokens(string databasePath, IReadOnlyDictionary<string, long> acked) =>
        MissingTokens(SqliteFile(databasePath), acked);

    public static IReadOnlyList<string> MissingTokens(TestDatabase database, IReadOnlyDictionary<string, long> acked) =>
        MissingTokens(OnEngine(database), acked);

    private static IReadOnlyList<string> MissingTokens(Queries db, IReadOnlyDictionary<string, long> acked)
    {
        var stored = db.Rows("SELECT Token, MemberId FROM DeviceTokens WHERE Status = 'active'").ToDictionary(r => r.Item1, r => r.Item2);
        return acked.Where(a => !stored.TryGetValue(a.Key, out var id) || id != a.Value).Select(a => a.Key).ToList();
    }

    /// <summary>Where the checks run: a connection and a command for it, on one engine.</summary>
    private sealed record Queries(Func<DbConnection> Open, Func<DbConnection, string, DbCommand> Command)
    {
        public long Scalar(string sql)
        {
            using var connection = Open();
            using var command = Command(connection, sql);
            return Convert.ToInt64(command.ExecuteScalar());
        }

        public List<(string, long)> Rows(string sql)
        {
            using var connection = Open();
            using var command = Command(connection, sql);
            using var reader = command.ExecuteReader();
            var rows = new List<(string, long)>();
            while (reader.Read())
            {
                if (!reader.IsDBNull(0))
                {
                    rows.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1))));
                }
            }
            return rows;
        }
    }

    // Not pooled: the file may be deleted or reopened by a restarted app right after.
    private static Queries SqliteFile(string databasePath) => new(
        () =>
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            connection.Open();
            return connection;
        },
        (connection, sql) =>
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        });

    // The test database's engine; on PostgreSQL the SQL's names are quoted by TestDatabase.Command.
    private static Queries OnEngine(TestDatabase database) => new(database.Open, (connection, sql) => database.Command(connection, sql));

    private static string Text(string databasePath, string sql)
    {
        using var connection = SqliteFile(databasePath).Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }
}
