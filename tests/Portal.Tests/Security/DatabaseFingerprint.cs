using System.Security.Cryptography;
using System.Text;

namespace Portal.Tests.Security;

/// <summary>
/// A hash of every row of every table, per table, to show that a rejected request wrote nothing. Left out: the
/// migrations history, the audit log (security events such as refused requests are meant to be recorded there),
/// the Data Protection key ring, "last used" stamps, and the wrong-try counter of one-time codes: a refused sign-in must count against the code.
/// </summary>
public static class DatabaseFingerprint
{
    // The Data Protection key ring (in the database on PostgreSQL) grows when the app first needs a key, whatever the request.
    private static readonly HashSet<string> SkippedTables = ["__EFMigrationsHistory", "__EFMigrationsLock", "AuditRecords", "DataProtectionKeys"];
    private static readonly HashSet<string> SkippedColumns = ["LastUsedAt", "FailedAttempts"];

    public static IReadOnlyDictionary<string, string> Take(TestDatabase database)
    {
        using var connection = database.Open();
        var tables = new List<string>();
        using (var list = database.Command(connection, database.OnPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !SkippedTables.Contains(t)))
        {
            // Rows hashed in sorted order, so the fingerprint does not depend on the order an engine returns them in.
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (SkippedColumns.Contains(reader.GetName(i)))
                    {
                        continue;
                    }
                    var value = reader.IsDBNull(i) ? "\0null"
                        : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes)
                        : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                    row.Append($"{reader.GetName(i)}={value}\u001f");
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row));
                hash.AppendData("\u001e"u8);
            }
            var count = rows.Count;
            result[table] = $"{count} rows, {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
        }
        return result;
    }

    /// <summary>The tables whose rows differ, for an assertion message.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} -> {after.GetValueOrDefault(t)}").ToList();
}
