using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Portal.Tests.Security;

/// <summary>
/// A hash of every row of every table, per table, to show that a rejected request wrote nothing. Left out: the
/// migrations history, the audit log (security events such as refused requests are meant to be recorded there),
/// "last used" stamps, and the wrong-try counter of one-time codes: a refused sign-in must count against the code.
/// </summary>
public static class DatabaseFingerprint
{
    private static readonly HashSet<string> SkippedTables = ["__EFMigrationsHistory", "AuditRecords"];
    private static readonly HashSet<string> SkippedColumns = ["LastUsedAt", "FailedAttempts"];

    public static IReadOnlyDictionary<string, string> Take(TestDatabase database)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !SkippedTables.Contains(t)))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (SkippedColumns.Contains(reader.GetName(i)))
                    {
                        continue;
                    }
                    var value = reader.IsDBNull(i) ? "\0null"
                        : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes)
                        : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetName(i)}={value}\u001f"));
                }
                hash.AppendData("\u001e"u8);
            }
            result[table] = $"{rows} rows, {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
        }
        return result;
    }

    /// <summary>The tables whose rows differ, for an assertion message.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} -> {after.GetValueOrDefault(t)}").ToList();
}
