namespace Portal.Tests.Security;

/// <summary>What corpus entries need to build requests: the app, club A's objects and fresh unique values.</summary>
public sealed class CorpusContext(SecurityWebFactory factory, long updateTargetId, string updateTargetToken, string updateTargetAccountId)
{
    private int counter;

    public SecurityWebFactory Factory { get; } = factory;

    public SeededClub A => Factory.ClubA;

    /// <summary>A member of club A that PUT cases may change freely (the seeded member stays as seeded).</summary>
    public long UpdateTargetId { get; } = updateTargetId;

    public string UpdateTargetToken { get; } = updateTargetToken;

    public string UpdateTargetAccountId { get; } = updateTargetAccountId;

    public int Next() => Interlocked.Increment(ref counter);

    /// <summary>One value from the test database, with parameters (the values are the corpus's strange strings).</summary>
    public string? Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Factory.Database.Open();
        using var command = Factory.Database.Command(connection, sql, parameters);
        return command.ExecuteScalar() is { } result and not DBNull ? Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
