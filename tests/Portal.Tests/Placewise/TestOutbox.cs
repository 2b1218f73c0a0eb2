using System.Text.RegularExpressions;

namespace Portal.Tests.Placewise;

/// <summary>Reads the outbox as a person would read the SMS or e-mail: the newest message's six-digit code.</summary>
public static partial class TestOutbox
{
    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    public static string LatestCode(TestDatabase database, string recipient, string purpose)
    {
        using var connection = database.Open();
        using var command = database.Command(connection,
            "SELECT Body FROM OutboxMessages WHERE Recipient = $recipient AND Purpose = $purpose ORDER BY Id DESC LIMIT 1",
            ("$recipient", recipient), ("$purpose", purpose));
        return SixDigits().Match((string)command.ExecuteScalar()!).Value;
    }

    /// <summary>Every code sent to <paramref name="recipient"/> for <paramref name="purpose"/>, oldest first.</summary>
    public static IReadOnlyList<string> Codes(TestDatabase database, string recipient, string purpose)
    {
        using var connection = database.Open();
        using var command = database.Command(connection,
            "SELECT Body FROM OutboxMessages WHERE Recipient = $recipient AND Purpose = $purpose ORDER BY Id",
            ("$recipient", recipient), ("$purpose", purpose));
        using var reader = command.ExecuteReader();
        var codes = new List<string>();
        while (reader.Read())
        {
            codes.Add(SixDigits().Match(reader.GetString(0)).Value);
        }
        return codes;
    }
}
