using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Portal.Tests.Placewise;

/// <summary>Reads the outbox as a person would read the SMS or e-mail: the newest message's six-digit code.</summary>
public static partial class TestOutbox
{
    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    public static string LatestCode(TestDatabase database, string recipient, string purpose)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Body FROM OutboxMessages WHERE Recipient = $recipient AND Purpose = $purpose ORDER BY Id DESC LIMIT 1";
        command.Parameters.AddWithValue("$recipient", recipient);
        command.Parameters.AddWithValue("$purpose", purpose);
        return SixDigits().Match((string)command.ExecuteScalar()!).Value;
    }
}
